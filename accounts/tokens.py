"""Personal access tokens for the JSON API: created, looked up by hash, revoked."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import AccessToken, User

SECRET_PREFIX = "inv_"
SHOWN_CHARACTERS = 12  # "inv_" and 8 random characters: enough to tell tokens apart
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often, so a busy client costs no write per request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenRefused(Exception):
    """A token could not be created; the message says why."""


def digest_of(secret):
    """Return the stored form of a token's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name, scope):
    """Create a token; return (token, secret). The secret is shown once and never stored."""
    # The member's row lock keeps two simultaneous requests from passing the cap together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if AccessToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenRefused(
            ngettext(
                "You have %(count)d active token, the most we allow. "
                "Revoke one you no longer use, then create a new one.",
                "You have %(count)d active tokens, the most we allow. "
                "Revoke one you no longer use, then create a new one.",
                MAX_ACTIVE_TOKENS,
            )
            % {"count": MAX_ACTIVE_TOKENS}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=secret[:SHOWN_CHARACTERS],
        digest=digest_of(secret),
    )
    return token, secret


def token_revoke(*, user, token_id):
    """Revoke one of the member's tokens; return whether a token was revoked now."""
    return bool(
        AccessToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def token_authenticate(secret):
    """Return the active token whose secret this is (noting its use), or None."""
    if not secret or not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        AccessToken.objects.active().select_related("user").filter(digest=digest_of(secret)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
