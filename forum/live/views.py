"""Server-Sent Events streams (a thread's, the desk's) and the cards a live page fetches."""

import asyncio
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from forum.discussion import cards
from forum.discussion.reading import NESTING_LEVELS, Node, author_roles, level_of, replying_to
from forum.live import listener
from forum.live.hub import CLOSE, RELOAD, StreamLimit, hub
from forum.models import Comment, LiveEvent, Thread
from forum.platform.client_address import client_address, rate_key
from forum.platform.pagecache import cache_anonymous_page
from forum.roles import is_moderator

MAX_IDS = 50


def _sse(payload):
    if payload is RELOAD:
        return "event: reload\ndata: {}\n\n"
    return f"id: {payload['id']}\ndata: {json.dumps(payload, separators=(',', ':'))}\n\n"


def _last_event_id(request):
    value = request.headers.get("Last-Event-ID") or request.GET.get("last", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _latest_id():
    return LiveEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _missed(channel_filter, last_id):
    """Return the events after `last_id`, or [RELOAD] when some of them are gone or too many."""
    events = LiveEvent.objects.filter(channel_filter, pk__gt=last_id).order_by("pk")
    missed = [event.payload() for event in events[: settings.LIVE_REPLAY_MAX + 1]]
    oldest = LiveEvent.objects.order_by("pk").values_list("pk", flat=True).first()
    if len(missed) > settings.LIVE_REPLAY_MAX or (oldest is not None and oldest > last_id + 1):
        return [RELOAD]
    return missed


async def _stream(request, channel, channel_filter):
    if not isinstance(request, ASGIRequest):
        # A WSGI server (the benchmark's sync gunicorn, the test suite's live server) would
        # give a worker to each open stream for good: answer 204, which tells the browser to
        # stop asking. The page works as without JavaScript.
        return HttpResponse(status=204)
    try:
        stream = hub.open(
            channel,
            rate_key(client_address(request)),
            max_streams=settings.LIVE_MAX_STREAMS,
            max_per_address=settings.LIVE_MAX_STREAMS_PER_ADDRESS,
        )
    except StreamLimit as limit:
        response = HttpResponse(
            _("Too many live pages are open from here; the page will try again later."),
            status=limit.status,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(settings.LIVE_RETRY_SECONDS)
        return response
    last_id = _last_event_id(request)
    try:
        if hub.last_id is None:
            # The first stream of this worker: events from now on must reach it, even those
            # committed before the listener's LISTEN is in place (it catches up from here).
            hub.last_id = await sync_to_async(_latest_id)()
        stream.since = hub.last_id
        listener.ensure_started()
        missed = []
        if last_id is not None:
            missed = await sync_to_async(_missed)(channel_filter, last_id)
    except BaseException:
        hub.close(stream)
        raise
    response = StreamingHttpResponse(_events(stream, missed), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"
    return response


async def _events(stream, missed):
    try:
        # The database connection this request used goes back to the pool now, not when the
        # stream ends: a thousand open streams must not hold a thousand connections.
        await sync_to_async(connections.close_all)()
        yield f"retry: {settings.LIVE_RETRY_SECONDS * 1000}\n: open\n\n"
        replayed = set()
        for payload in missed:
            yield _sse(payload)
            if payload is RELOAD:
                return
            replayed.add(payload["id"])
        while True:
            try:
                payload = await asyncio.wait_for(
                    stream.queue.get(), timeout=settings.LIVE_HEARTBEAT_SECONDS
                )
            except TimeoutError:
                yield ": heartbeat\n\n"  # keeps proxies from closing an idle stream
                continue
            if payload is CLOSE:
                return
            if payload.get("id") in replayed:
                continue
            yield _sse(payload)
            if payload is RELOAD:
                return
    finally:
        hub.close(stream)


async def thread_events(request, thread_id):
    """Stream what every reader of a thread may see change: new, edited, voted, removed."""
    visible = Thread.objects.visible().filter(pk=thread_id)
    if not await visible.aexists():
        raise Http404("No such discussion.")
    return await _stream(
        request,
        f"thread:{thread_id}",
        LiveEvent.thread_q(thread_id),
    )


async def desk_events(request):
    """Stream the desk's changes (held, reported, decided comments) to moderators only."""
    user = await request.auser()
    if not user.is_authenticated or not await sync_to_async(is_moderator)(user):
        raise PermissionDenied(_("Only moderators can follow the moderation desk."))
    return await _stream(request, "desk", LiveEvent.desk_q())


def _ids(value):
    parts = value.split(",")
    return (
        0 < len(parts) <= MAX_IDS
        and all(part.isascii() and part.isdigit() and len(part) <= 12 for part in parts)
        and parts == sorted(set(parts), key=int)
    )


@cache_anonymous_page(timeout=60, params={"ids": _ids})
def thread_cards(request, thread_id):
    """Return the cards of the given comments of a thread that this reader may see."""
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    value = request.GET.get("ids", "")
    if not _ids(value):
        return HttpResponse(_("Ask for up to 50 comment ids, in order."), status=400)
    wanted = [int(pk) for pk in value.split(",")]
    comments = list(
        Comment.objects.filter(thread=thread, pk__in=wanted)
        .visible_to(request.user)
        .select_related("author", "parent__author")
    )
    # Ids that point at nothing are never stored as a page of their own: the cards that are
    # there, at their own address, or nothing to show.
    if not comments:
        return HttpResponse(status=204)
    if len(comments) < len(wanted):
        found = ",".join(str(pk) for pk in sorted(comment.pk for comment in comments))
        return redirect(f"{request.path}?ids={found}")
    user_id = request.user.pk if request.user.is_authenticated else None
    roles = author_roles(comments, viewer=request.user)
    nodes = [
        Node(
            comment=comment,
            level=level_of(comment),
            is_own=comment.author_id == user_id,
            author_role=roles.get(comment.author_id, ""),
        )
        for comment in comments
    ]
    for node in nodes:
        # Shown beside its parent (past the nesting levels): say whom it answers, as pages do.
        if node.comment.depth >= NESTING_LEVELS:
            node.reply_to = replying_to(node.comment.parent, request.user)
    context = {
        "thread": thread,
        "is_moderator": is_moderator(request.user),
    }
    tree = cards.render(nodes, request, context)
    return render(request, "forum/live_cards.html", {"tree": tree})
