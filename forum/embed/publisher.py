"""The publisher's signed token, handed to the embed by its host page, exchanged for an
embed token: the reader the newsroom already knows is signed in without a popup.

The host page gives the token to embed.js (`data-sso-token`, or `InvitationEmbed.signIn`),
which posts it to the frame; the frame POSTs it to the API (forum/api/embed.py) and gets an
embed token like the popup's, bound to the host site. docs/integration.md says why so.
"""

from django.utils.translation import gettext_lazy as _

from accounts.sso.tokens import SsoTokenRefused, member_for_token
from forum import refusals
from forum.embed.origins import allowed_origin, origin_of
from forum.embed.tokens import TokenRefused, embed_token_create


class PublisherTokenRefused(Exception):
    """Nobody signed in; `code` names why, `message` says it to the reader, `status` is HTTP's."""

    def __init__(self, code, message, status=400):
        super().__init__(code)
        self.code = code
        self.message = str(message)
        self.status = status


def embed_token_for_publisher(*, token, host):
    """Check the publisher's token for the allowed site `host`; return (member, embed secret).

    The host is checked first, so a token sent from a site not allowed is not used up. A
    bad, expired or replayed token (accounts.sso.tokens), a banned or inactive member, or
    too many embed tokens this hour raise PublisherTokenRefused and sign nobody in.
    """
    if not allowed_origin(host):
        message = _("This site is not allowed to show the discussion.")
        raise PublisherTokenRefused("host", message, status=403)
    try:
        member = member_for_token(token)
    except SsoTokenRefused as refusal:
        status = 503 if refusal.code == "keys" else 400
        raise PublisherTokenRefused(refusal.code, refusal.message, status=status) from refusal
    if member.is_banned or not member.is_active:
        raise PublisherTokenRefused("banned", refusals.Refusal(refusals.Code.BANNED), status=403)
    try:
        secret = embed_token_create(member=member, host=origin_of(host))
    except TokenRefused as error:
        raise PublisherTokenRefused("rate_limited", error, status=429) from error
    return member, secret
