"""Embed tokens: created by the sign-in popup for a member, looked up by hash, revoked.

A token lets the embed's frame on another site write as the member through the API
(`Authorization: Bearer emb_…`) for EMBED_TOKEN_MINUTES; no cookie is ever used there.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.utils import timezone
from django.utils.translation import gettext

from forum.models import EmbedToken
from forum.platform import ratelimit

SECRET_PREFIX = "emb_"


class TokenRefused(Exception):
    """No token now; the message says why, to the member."""


def digest_of(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def embed_token_create(*, member, host):
    """Create a token for `member` on the allowed site `host`; return its secret (shown once)."""
    limit = settings.EMBED_TOKEN_RATE_PER_HOUR
    if not ratelimit.hit("embed-token", member.pk, limit=limit, window_seconds=3600):
        raise TokenRefused(
            gettext(
                "You have signed in to embedded discussions too often this hour. "
                "Please try again in a while."
            )
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    EmbedToken.objects.create(
        member=member,
        digest=digest_of(secret),
        host=host,
        expires_at=timezone.now() + timedelta(minutes=settings.EMBED_TOKEN_MINUTES),
    )
    return secret


def is_embed_secret(secret):
    return (secret or "").startswith(SECRET_PREFIX)


def embed_token_authenticate(secret):
    """Return the active token whose secret this is, or None."""
    if not is_embed_secret(secret) or len(secret) > 100:
        return None
    return (
        EmbedToken.objects.active()
        .select_related("member")
        .filter(digest=digest_of(secret))
        .first()
    )


def embed_token_revoke(secret):
    """Revoke the token with this secret (signing out of the embed); return whether it was."""
    if not is_embed_secret(secret):
        return False
    return bool(
        EmbedToken.objects.filter(digest=digest_of(secret), revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def embed_tokens_revoke_all(*, member):
    """Revoke every token of `member`: signing out of the site signs out of every embed."""
    return EmbedToken.objects.filter(member=member, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def _signed_out(sender, request, user, **kwargs):
    # A deleted account (signed out after) took its tokens with it.
    if user is not None and user.pk is not None:
        embed_tokens_revoke_all(member=user)


def connect():
    """Revoke a member's embed tokens when they sign out of the site."""
    user_logged_out.connect(_signed_out, dispatch_uid="embed_tokens_signed_out")
