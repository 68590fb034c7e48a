"""Signed unsubscribe links: the holder of an e-mail turns one kind of e-mail off."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from forum.models import Follow, Thread

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


@csrf_exempt  # mail providers' one-click POST has no cookie; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Turn off one kind of e-mail from a link in an e-mail, without signing in."""
    try:
        member, kind, thread = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "forum/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        if kind == "replies":
            member.notify_replies = False
            member.save(update_fields=["notify_replies"])
        elif kind == "follows":
            member.notify_follows = False
            member.save(update_fields=["notify_follows"])
        elif thread is not None:
            Follow.objects.filter(member=member, thread=thread).delete()
        done = True
    context = {"kind": kind, "thread": thread, "done": done, "member": member}
    return render(request, "forum/unsubscribe.html", context)
