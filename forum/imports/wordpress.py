"""Read a WordPress export (WXR): RSS whose <item>s carry <wp:comment>s.

The format, as WordPress writes it (wp-admin/includes/export.php, WXR 1.0 to 1.2): each
item is a post or page, with its link, title, wp:post_id and wp:post_name (its slug), and
its comments: wp:comment_id, author, e-mail, URL, wp:comment_date_gmt, wp:comment_content
(text with some HTML; blank lines part paragraphs), wp:comment_approved (1, 0, spam,
trash), wp:comment_type (pingbacks and trackbacks are not comments), wp:comment_parent
and wp:comment_user_id. The author's IP address is in the file and is never read.
"""

from forum.imports.records import (
    ImportFileError,
    SourceComment,
    SourceNote,
    SourceThread,
    parse_time,
)
from forum.imports.xmlstream import local, top_level_elements

ROOT = "rss"
COUNT_MARK = b"<wp:comment>"
_STATES = {"1": "published", "0": "pending", "spam": "spam", "trash": "deleted"}
_NOT_COMMENTS = {"pingback", "trackback"}


def _fields(element):
    """Return {local name: text} of an element's children (WXR namespaces vary by version)."""
    return {local(child.tag): (child.text or "").strip() for child in element}


def _comment(element, thread_key, number):
    fields = _fields(element)
    key = fields.get("comment_id", "")
    where = f"Comment number {number} (wp:comment_id {key or 'missing'})"
    if not key:
        raise ImportFileError(f"{where}: a <wp:comment> needs a <wp:comment_id>.")
    kind = fields.get("comment_type", "")
    if kind in _NOT_COMMENTS:
        return SourceNote(kind, f"{kind} {key} left out: not a comment")
    approved = fields.get("comment_approved", "1")
    date = fields.get("comment_date_gmt", "")
    if not date or date.startswith("0000"):
        date = fields.get("comment_date", "")
    user_id = fields.get("comment_user_id", "0")
    email = fields.get("comment_author_email", "").lower()
    author_key = (f"user:{user_id}" if user_id not in ("", "0") else "") or (
        f"email:{email}" if email else ""
    )
    parent = fields.get("comment_parent", "0")
    return SourceComment(
        key=key,
        thread_key=thread_key,
        parent_key="" if parent in ("", "0") else parent,
        created_at=parse_time(date, where),
        message=fields.get("comment_content", ""),
        message_format="text",
        state=_STATES.get(approved, "deleted"),  # post-trashed and the like
        author_key=author_key,
        author_name=fields.get("comment_author", ""),
        author_email=email,
    )


def read(path):
    """Yield the SourceThread and SourceComment records of a WXR file, in file order."""
    comments = 0
    for item in top_level_elements(path, ROOT, depth=2):
        if local(item.tag) != "item":
            continue
        found = [child for child in item if local(child.tag) == "comment"]
        if not found:
            continue
        fields = _fields(item)
        thread_key = fields.get("post_id", "")
        if not thread_key:
            raise ImportFileError(
                f"The item “{fields.get('title', '')}” has comments but no <wp:post_id>."
            )
        yield SourceThread(
            key=thread_key,
            url=fields.get("link", ""),
            title=fields.get("title", ""),
            identifier=fields.get("post_name", ""),
            closed=fields.get("comment_status", "open") == "closed",
        )
        for element in found:
            comments += 1
            yield _comment(element, thread_key, comments)
