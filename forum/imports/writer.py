"""Write an archive's comments in batches, one transaction each, through the lifecycle.

Each batch is keyed by the archive's ids: comments imported before (by an earlier run, or
an interrupted one) are left as they are, and their texts are not even converted again,
so a second run writes nothing and is quick. A reply read before its parent waits for it
(archives are not always in order); one whose parent never comes becomes a top-level
comment, noted in the report.
"""

from collections import defaultdict

from django.db import transaction

from forum.comments.archives import Imported, comments_import
from forum.comments.transitions import clean_body
from forum.errors import DiscussionError
from forum.imports.content import html_to_markdown, text_to_markdown
from forum.imports.guests import guest_key, guests_ensure
from forum.models import Comment

# A comment deleted on the old site keeps its place (and its replies) under a placeholder;
# readers see the site's placeholder, this text is what the row holds if the archive had none.
DELETED_TEXT = "This comment was deleted on the site it came from."
STATUSES = {
    "published": Comment.Status.PUBLISHED,
    "pending": Comment.Status.PENDING,
    "spam": Comment.Status.REJECTED,
    "deleted": Comment.Status.REMOVED,
}
COUNTED_AS = {
    "published": "published",
    "pending": "held for moderation",
    "spam": "spam, imported as rejected",
    "deleted": "deleted there, placeholder here",
}


def to_markdown(comment):
    """Return the Markdown of an archived comment's message."""
    if comment.message_format == "markdown":
        return comment.message
    if comment.message_format == "text":
        return text_to_markdown(comment.message)
    return html_to_markdown(comment.message)


class BatchWriter:
    """Take the archive's comments one by one; write them in batches of `batch_size`."""

    def __init__(self, *, source, matcher, report, batch_size, dry_run=False, skip_spam=False):
        self.source, self.matcher, self.report = source, matcher, report
        self.batch_size, self.dry_run, self.skip_spam = batch_size, dry_run, skip_spam
        self.batch = []
        self.waiting = defaultdict(list)  # a missing parent's key -> the replies waiting for it
        self.seen = set()  # in a dry run, the keys it would have written

    def add(self, comment):
        if not self.matcher.knows(comment.thread_key):
            self.report.note(
                "left out, thread not in the file",
                f"{comment.key} left out: its thread {comment.thread_key} is not in the file",
            )
            return
        if comment.state == "spam" and self.skip_spam:
            self.report.count("spam, skipped")
            return
        self.batch.append(comment)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self):
        while self.batch:
            batch, self.batch = self.batch[: self.batch_size], self.batch[self.batch_size :]
            self._write(batch)

    def finish(self):
        """Write what is left; replies whose parent never came become top-level comments."""
        self.flush()
        left = [c for waiting in self.waiting.values() for c in waiting]
        self.waiting.clear()
        keys = {c.key for c in left}
        for comment in left:
            if comment.parent_key not in keys:
                self.report.orphan(comment.key, comment.parent_key)
        for start in range(0, len(left), self.batch_size):
            self._write(left[start : start + self.batch_size], final=True)

    def _imported(self, keys):
        """Return which of `keys` are already imported (or, in a dry run, would be)."""
        if not keys:
            return set()
        found = set(
            Comment.objects.filter(
                import_source=self.source, import_key__in=list(keys)
            ).values_list("import_key", flat=True)
        )
        return found | (self.seen & keys)

    def _write(self, batch, final=False):
        keys = {c.key for c in batch}
        done = self._imported(keys)
        fresh = [c for c in batch if c.key not in done]
        self.report.count("already imported, left as they are", len(batch) - len(fresh))
        ready = fresh if final else self._without_missing_parents(fresh)
        if ready:
            self._write_ready(ready)
        for comment in ready:  # their replies read earlier may go now
            self.batch += self.waiting.pop(comment.key, [])

    def _without_missing_parents(self, comments):
        """Return `comments` but those whose parent is neither here nor imported (they wait)."""
        keys = {c.key for c in comments}
        outside = {c.parent_key for c in comments if c.parent_key and c.parent_key not in keys}
        present = self._imported(outside)
        ready = list(comments)
        while True:  # a reply to a waiting reply waits too
            keys = {c.key for c in ready}
            waits = [c for c in ready if c.parent_key and c.parent_key not in keys | present]
            if not waits:
                return ready
            for comment in waits:
                self.waiting[comment.parent_key].append(comment)
            ready = [c for c in ready if c not in waits]

    def _items(self, comments, guests):
        items = []
        for c in comments:
            body = to_markdown(c)
            if c.state == "deleted" and not body.strip():
                body = DELETED_TEXT
            guest = guests.get(guest_key(c)) if guests is not None and c.has_author else None
            items.append(
                Imported(
                    key=c.key,
                    author=None,
                    body=body,
                    created_at=c.created_at,
                    parent_key=c.parent_key,
                    status=STATUSES[c.state],
                    thread=self.matcher.thread_for(c.thread_key),
                    guest=guest,
                    guest_name=guest.name if guest is not None else "",
                    edited_at=c.edited_at,
                    rejection_reason=c.rejection_reason,
                    score=c.score,
                    featured_at=c.featured_at,
                    revisions=c.revisions,
                )
            )
        return items

    def _write_ready(self, comments):
        refused = {}
        if self.dry_run:
            for item in self._items(comments, None):
                try:
                    clean_body(item.body)
                except DiscussionError as error:
                    refused[item.key] = str(error)
            self.seen |= {c.key for c in comments}
        else:
            with transaction.atomic():
                guests = guests_ensure(source=self.source, comments=comments)
                comments_import(
                    items=self._items(comments, guests), source=self.source, refused=refused
                )
        for comment in comments:
            if comment.key in refused:
                self.report.refuse(comment.key, refused[comment.key])
            else:
                self.report.count(COUNTED_AS[comment.state])
