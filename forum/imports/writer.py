"""Write an archive's comments in batches, one transaction each, through the lifecycle.

Each batch is keyed by the archive's ids: comments imported before (by an earlier run, or
an interrupted one) are left as they are, and their texts are not even converted again,
so a second run writes nothing and is quick. A batch's texts are converted (in worker
processes for a big file, forum.imports.rendering) while earlier batches are written. A
reply read before its parent waits for it (archives are not always in order); one whose
parent never comes becomes a top-level comment, noted in the report.
"""

from collections import defaultdict, deque

from django.db import transaction

from forum.comments.archives import Imported, comments_import
from forum.comments.transitions import text_refusal
from forum.imports.guests import guest_key, guests_ensure
from forum.imports.rendering import Renderer
from forum.models import Comment, GuestAuthor
from forum.platform.copy_insert import refresh_statistics

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


GUESTS_KEPT = 20_000  # authors remembered between batches, at most (about 600 bytes each)


class BatchWriter:
    """Take the archive's comments one by one; write them in batches of `batch_size`.

    `renderer` (a forum.imports.rendering.Renderer) converts the texts; without one they
    are converted here, batch by batch.
    """

    def __init__(
        self, *, source, matcher, report, batch_size, dry_run=False, skip_spam=False, renderer=None
    ):
        self.source, self.matcher, self.report = source, matcher, report
        self.batch_size, self.dry_run, self.skip_spam = batch_size, dry_run, skip_spam
        self.renderer = renderer or Renderer(0)
        self.batch = []
        self.converting = deque()  # (batch, Future of its texts), oldest first
        self.texts = {}  # key -> clean_body's (text, HTML), or why it was refused
        self.waiting = defaultdict(list)  # a missing parent's key -> the replies waiting for it
        self.seen = set()  # in a dry run, the keys it would have written
        self.written = 0
        self.analyzed_at = 0  # comments written when the tables' statistics were last refreshed
        self.guests = {}  # guest key -> GuestAuthor, the authors met so far (bounded)

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
            self._convert()

    def _convert(self):
        """Send the batch's new texts to be converted; write batches converted before it."""
        batch, self.batch = self.batch, []
        keys = {c.key for c in batch}
        done = self._imported(keys)
        todo = [c for c in batch if c.key not in done and c.key not in self.texts]
        # Only the batches still to be written can import one of these keys before this
        # batch is written (a key twice in the file): those keys are looked up again then.
        recheck = {c.key for pending, *_ in self.converting for c in pending} & keys
        self.converting.append((batch, self.renderer.submit(todo), done, recheck))
        while len(self.converting) > self.renderer.ahead:
            self._write_converted()

    def _write_converted(self):
        batch, texts, done, recheck = self.converting.popleft()
        for key, (body, body_html, problem) in texts.result().items():
            # A text that cannot be posted is kept as why (a str), for the report.
            self.texts[key] = str(text_refusal(body, problem)) if problem else (body, body_html)
        self._write(batch, done=done | self._imported(recheck))

    def flush(self):
        while self.batch or self.converting:
            if self.batch:
                self._convert()
            while self.converting:
                self._write_converted()

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

    def _write(self, batch, final=False, done=None):
        if done is None:
            done = self._imported({c.key for c in batch})
        fresh = {}  # the first of each key: a key twice in a file is one comment
        for comment in batch:
            if comment.key not in done:
                fresh.setdefault(comment.key, comment)
        fresh = list(fresh.values())
        self.report.count("already imported, left as they are", len(batch) - len(fresh))
        for comment in batch:
            if comment.key in done:
                self.texts.pop(comment.key, None)
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
            there = {c.key for c in ready} | present
            waits = {c.key for c in ready if c.parent_key and c.parent_key not in there}
            if not waits:
                return ready
            for comment in ready:
                if comment.key in waits:
                    self.waiting[comment.parent_key].append(comment)
            ready = [c for c in ready if c.key not in waits]

    def _items(self, comments, guests, texts):
        items = []
        for c in comments:
            guest = guests.get(guest_key(c)) if guests is not None and c.has_author else None
            items.append(
                Imported(
                    key=c.key,
                    author=None,
                    body=texts[c.key][0],
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
        texts = {c.key: self.texts.pop(c.key) for c in comments}
        written = [c for c in comments if not isinstance(texts[c.key], str)]
        if self.dry_run:
            self.seen |= {c.key for c in written}
        elif written:
            with transaction.atomic():
                if len(self.guests) > GUESTS_KEPT:
                    self.guests.clear()
                guests = guests_ensure(source=self.source, comments=written, known=self.guests)
                comments_import(
                    items=self._items(written, guests, texts),
                    source=self.source,
                    rendered={c.key: texts[c.key] for c in written},
                )
        self.written += len(written)
        if not self.dry_run and self.written >= 2 * max(self.analyzed_at, self.batch_size // 2):
            # The lookups by archive key are planned on the tables' statistics: refresh them
            # as the tables double, so each batch's lookups stay index lookups.
            refresh_statistics(Comment, GuestAuthor)
            self.analyzed_at = self.written
        for comment in comments:
            if isinstance(texts[comment.key], str):
                self.report.refuse(comment.key, texts[comment.key])
            else:
                self.report.count(COUNTED_AS[comment.state])
