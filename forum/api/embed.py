"""What the embed's frame on another site needs beyond the comments' own endpoints.

The frame signs in by the popup (forum/embed/popup.py), or exchanges the publisher's signed
token its host page handed it (forum/embed/publisher.py), and holds an embed token; with it,
it asks what the member has done in the thread (votes, follow, comments still editable),
follows the thread, and signs out (the token is revoked).
"""

from datetime import datetime

from allauth.core import ratelimit
from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from forum import limits, refusals
from forum.api import auth, schemas
from forum.api.threads import ERRORS
from forum.comments import transitions
from forum.discussion import services
from forum.embed.publisher import PublisherTokenRefused, embed_token_for_publisher
from forum.embed.tokens import embed_token_revoke
from forum.models import Comment, Follow, Thread, Vote

router = Router(tags=["embed"])

MAX_EDITABLE = 100  # a member's comments in one thread within the edit window, at most


class Editable(Schema):
    id: int
    body: str
    editable_until: datetime


class EmbedState(Schema):
    username: str
    name: str
    refusal: str = ""
    following: bool
    voted_ids: list[int]
    editable: list[Editable]


class PublisherTokenIn(Schema):
    token: str = Field(max_length=8192)
    host: str = Field(max_length=300)


class EmbedTokenOut(Schema):
    token: str
    expires_in: int
    name: str


class FollowIn(Schema):
    following: bool


class FollowOut(Schema):
    following: bool
    message: str


@router.get("/threads/{thread_id}/state/", auth=auth.MEMBERS, response={200: EmbedState, **ERRORS})
def embed_state(request, thread_id: int):
    """Return the member's part in a thread: votes, follow, comments they may still edit."""
    member = request.auth
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    window = settings.COMMENT_EDIT_WINDOW
    editable = (
        Comment.objects.filter(
            thread=thread,
            author=member,
            status__in=[Comment.Status.PUBLISHED, Comment.Status.PENDING],
            created_at__gte=timezone.now() - window,
        )
        .order_by("-created_at")
        .values("id", "body", "created_at")[:MAX_EDITABLE]
    )
    refusal = refusals.participation(member)
    return {
        "username": member.username,
        "name": member.public_name,
        "refusal": str(refusal) if refusal else "",
        "following": Follow.objects.filter(thread=thread, member=member).exists(),
        "voted_ids": list(
            Vote.objects.filter(voter=member, comment__thread=thread).values_list(
                "comment_id", flat=True
            )
        ),
        "editable": [
            {"id": c["id"], "body": c["body"], "editable_until": c["created_at"] + window}
            for c in editable
        ],
    }


@router.post(
    "/threads/{thread_id}/follow/",
    auth=auth.MEMBERS,
    response={200: FollowOut, 429: schemas.Error, **ERRORS},
)
def thread_follow(request, thread_id: int, data: FollowIn):
    """Follow a thread (`{"following": true}`) or stop following it, as on its page."""
    member = request.auth
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    transitions.check_participation(member)
    limits.check("follow", member=member, request=request)
    following = services.follow_set(member=member, thread=thread, following=data.following)
    message = (
        gettext("You follow this discussion.")
        if following
        else gettext("You no longer follow this discussion.")
    )
    return {"following": following, "message": message}


@router.delete("/token/", auth=auth.MEMBERS, response={204: None, **ERRORS})
def embed_sign_out(request):
    """Sign the embed out: revoke the embed token this request carries."""
    secret = request.headers.get("Authorization", "").partition(" ")[2].strip()
    embed_token_revoke(secret)
    return Status(204, None)


@router.post(
    "/sso/",
    auth=None,
    response={
        200: EmbedTokenOut,
        400: schemas.Error,
        403: schemas.Error,
        429: schemas.Error,
        503: schemas.Error,
    },
)
def embed_sso(request, data: PublisherTokenIn):
    """Exchange the publisher's signed token for an embed token bound to the host site.

    The frame posts here what its host page handed it; no cookie, no CSRF token: the signed
    token, good once and for minutes, is the proof, as on /sso/token/ (same rate limit).
    """
    if not ratelimit.consume(request, action="sso_token"):
        message = gettext(
            "Too many sign-in attempts from your network. Wait a minute, then try again."
        )
        return Status(429, {"code": "rate_limited", "message": message})
    try:
        member, secret = embed_token_for_publisher(token=data.token.strip(), host=data.host)
    except PublisherTokenRefused as refusal:
        return Status(refusal.status, {"code": refusal.code, "message": str(refusal.message)})
    minutes = settings.EMBED_TOKEN_MINUTES
    return {"token": secret, "expires_in": minutes * 60, "name": member.public_name}
