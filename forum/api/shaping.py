"""Turn threads, comments and members into the API's shapes, with absolute links."""

from django.conf import settings
from django.urls import reverse

from forum.discussion.reading import level_of
from forum.models import Comment


def absolute(url):
    """Return `url` as an absolute address (a thread's URL may already be one)."""
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def author_out(user):
    if user is None:
        return None
    return {
        "username": user.username,
        "name": user.public_name,
        "profile_url": absolute(reverse("accounts:profile", args=[user.username])),
    }


def thread_out(thread):
    return {
        "id": thread.pk,
        "key": thread.key,
        "title": thread.title,
        "url": absolute(thread.url),
        "comment_count": thread.comment_count,
        "is_open": thread.is_open,
    }


def comment_out(comment, *, level=None, reply_to="", placeholder=False, more_replies=0):
    """Return what a reader sees of `comment`; a placeholder keeps only its place in the tree."""
    shown = not placeholder
    return {
        "id": comment.pk,
        "thread_id": comment.thread_id,
        "parent_id": comment.parent_id,
        "level": level or level_of(comment),
        "reply_to": reply_to,
        "author": author_out(comment.author) if shown else None,
        "body_html": comment.body_html if shown else None,
        "status": comment.status if shown else Comment.Status.REMOVED,
        "is_placeholder": placeholder,
        "score": comment.score if shown else 0,
        "is_featured": comment.is_featured and shown,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at if shown else None,
        "url": absolute(comment.get_absolute_url()),
        "more_replies": more_replies,
    }


def nodes_out(nodes):
    """Return the comments of a page's tree in reading order: each parent before its replies."""
    found, stack = [], list(reversed(nodes))
    while stack:
        node = stack.pop()
        found.append(
            comment_out(
                node.comment,
                level=node.level,
                reply_to=node.reply_to,
                placeholder=node.is_placeholder,
                more_replies=node.more_replies,
            )
        )
        stack.extend(reversed(node.children))
    return found


def member_out(member):
    return {
        "username": member.username,
        "name": member.public_name,
        "bio": member.bio,
        "website": member.website,
        "joined": member.date_joined,
        "profile_url": absolute(reverse("accounts:profile", args=[member.username])),
    }
