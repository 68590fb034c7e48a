"""The whole discussion as JSON lines, for a move to another server or a merge of two sites.

One JSON object a line, in an order an import can stream: the site, threads, the authors
(members by public name, guests by display name: no e-mail address, no IP address),
comments (parents before replies, with status, history and vote counts), then the
moderators' decisions (who reported a comment is not exported). docs/import-export.md
describes every field; docs/import-export.schema.json is its JSON Schema.
"""

import json

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from forum.models import Comment, CommentRevision, GuestAuthor, ModerationAction, Thread

FORMAT = "invitation-export"
VERSION = 1
CHUNK = 2000


def _time(value):
    return value.isoformat() if value else None


def _author(comment):
    if comment.author_id:
        return f"member:{comment.author_id}"
    if comment.guest_id:
        return f"guest:{comment.guest_id}"
    return None


def _comment(comment, thread_keys):
    return {
        "type": "comment",
        "id": comment.pk,
        "thread": thread_keys[comment.thread_id],
        "parent": comment.parent_id,
        "author": _author(comment),
        "author_name": comment.guest_name if not comment.author_id else None,
        "body": comment.body,
        "status": comment.status,
        "hold_reason": comment.hold_reason,
        "rejection_reason": comment.rejection_reason,
        "created_at": _time(comment.created_at),
        "edited_at": _time(comment.edited_at),
        "score": comment.score,
        "featured_at": _time(comment.featured_at) if comment.is_featured else None,
        "open_reports": comment.open_report_count,
        "revisions": [
            {
                "body": r.body,
                "created_at": _time(r.created_at),
                "replaced_at": _time(r.replaced_at),
            }
            for r in comment.revisions.all()
        ],
    }


def site_records(*, site_url):
    """Yield the export's records (dicts), one per line, streaming from the database."""
    yield {
        "type": "site",
        "format": FORMAT,
        "version": VERSION,
        "site_url": site_url,
        "exported_at": _time(timezone.now()),
    }
    thread_keys = {}
    for thread in Thread.objects.order_by("pk").iterator(chunk_size=CHUNK):
        thread_keys[thread.pk] = thread.key
        yield {
            "type": "thread",
            "key": thread.key,
            "url": thread.url,
            "title": thread.title,
            "state": thread.state,
            "visible_from": _time(thread.visible_from),
            "comment_count": thread.comment_count,
        }
    acting = ModerationAction.objects.filter(comment__isnull=False).values("actor")
    members = get_user_model().objects.filter(pk__in=Comment.objects.values("author").union(acting))
    for member in members.order_by("pk").iterator(chunk_size=CHUNK):
        yield {"type": "member", "id": member.pk, "name": member.public_name}
    guests = GuestAuthor.objects.filter(pk__in=Comment.objects.values("guest"))
    for guest in guests.order_by("pk").iterator(chunk_size=CHUNK):
        yield {"type": "guest", "id": guest.pk, "name": guest.name}
    comments = Comment.objects.order_by("pk").prefetch_related(
        Prefetch("revisions", queryset=CommentRevision.objects.order_by("replaced_at"))
    )
    for comment in comments.iterator(chunk_size=CHUNK):
        yield _comment(comment, thread_keys)
    decisions = ModerationAction.objects.filter(comment__isnull=False).order_by("pk")
    for action in decisions.iterator(chunk_size=CHUNK):
        yield {
            "type": "decision",
            "comment": action.comment_id,
            "action": action.action,
            "moderator": f"member:{action.actor_id}" if action.actor_id else None,
            "reason": action.reason,
            "note": action.note,
            "created_at": _time(action.created_at),
        }


def export_site(stream, *, site_url):
    """Write the export to the text `stream`; return the number of lines."""
    lines = 0
    for record in site_records(site_url=site_url):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        lines += 1
    return lines
