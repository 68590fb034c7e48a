"""Signed unsubscribe links: the holder of an e-mail turns one kind of e-mail off."""

from django.contrib.auth import get_user_model
from django.core import signing

from forum.models import Thread

UNSUBSCRIBE_SALT = "forum.unsubscribe"
UNSUBSCRIBE_KINDS = {"replies", "follows", "thread"}


def unsubscribe_token(*, member, kind, thread=None):
    """Return a signed token that lets the holder of an e-mail turn one kind of e-mail off."""
    return signing.dumps(
        {"u": member.pk, "k": kind, "t": thread.pk if thread else None},
        salt=UNSUBSCRIBE_SALT,
        compress=True,
    )


def read_unsubscribe_token(token):
    """Return (member, kind, thread) from a token, or raise signing.BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("k") not in UNSUBSCRIBE_KINDS:
        raise signing.BadSignature("unknown kind")
    member = get_user_model().objects.filter(pk=data.get("u")).first()
    if member is None:
        raise signing.BadSignature("no such member")
    thread = Thread.objects.filter(pk=data.get("t")).first() if data.get("t") else None
    return member, data["k"], thread
