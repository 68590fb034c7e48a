"""The JSON body of each event, in the API's shapes and version, and its Slack text.

Every body is `{"type", "timestamp", "api_version", "data"}` (the Standard Webhooks
layout); `data` holds the API's `comment` and `thread` shapes (forum/api/shaping.py) and
what the event adds. Receivers are moderators' integrations: a held or removed comment's
text is included, as the desk shows it. No notifier's name or e-mail is ever sent.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from forum.api import api
from forum.api.shaping import comment_out, thread_out
from forum.models.webhooks import Event

API_VERSION = api.version


def envelope(event_type, data, *, at=None):
    """Return the body of one event as plain JSON values (dates as ISO 8601 strings)."""
    body = {
        "type": str(event_type),
        "timestamp": at or timezone.now(),
        "api_version": API_VERSION,
        "data": data,
    }
    return json.loads(json.dumps(body, cls=DjangoJSONEncoder))


def serialized(payload):
    """Return the exact bytes sent and signed for a stored payload."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def comment_data(comment, *, change, before, actor):
    return {
        "comment": comment_out(comment),
        "thread": thread_out(comment.thread),
        "change": str(change),
        "previous_status": before,
        "actor": actor.username if actor is not None and actor.is_authenticated else None,
    }


def notice_data(notice):
    return {
        "notice": {
            "reference": notice.reference,
            "category": notice.category,
            "location": notice.location,
            "country": notice.country,
            "comment_id": notice.comment_id,
            "thread_id": notice.thread_id,
            "from_trusted_flagger": notice.trusted_flagger_id is not None,
            "created_at": notice.created_at,
        }
    }


def appeal_data(appeal):
    decision = appeal.decision
    return {
        "appeal": {
            "reference": appeal.reference,
            "decision_reference": decision.reference,
            "comment_id": decision.comment_id,
            "outcome": appeal.outcome,
            "decided_at": appeal.decided_at,
        }
    }


def thread_data(thread, **extra):
    return {"thread": thread_out(thread), **extra}


def slack_text(payload):
    """Return the one line a Slack-compatible endpoint shows for an event."""
    data, kind = payload["data"], payload["type"]
    label = Event(kind).label if kind in Event.values else kind
    if "comment" in data:
        comment = data["comment"]
        return f"{label} on “{data['thread']['title']}”: {comment['url']}"
    if "notice" in data:
        notice = data["notice"]
        return f"{label}: {notice['reference']} ({notice['category']}) about {notice['location']}"
    if "appeal" in data:
        appeal = data["appeal"]
        return f"{label}: {appeal['reference']} {appeal['outcome']}"
    if "thread" in data:
        thread = data["thread"]
        detail = ""
        if "comments_last_hour" in data:
            detail = f" ({data['comments_last_hour']} comments in the last hour)"
        elif data.get("slow_mode"):
            detail = f" (slow mode {data['slow_mode']})"
        return f"{label}: “{thread['title']}” {thread['url']}" + detail
    return str(label)
