"""A thread and the comments in it, with the counts each keeps of the other's rows."""

import functools
import operator

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum.fulltext import SEARCH_CONFIG, StoredSearchVector
from forum.models.counting import recount
from forum.models.votes_follows import Vote


class StoredMarkup:
    """A model attribute giving a stored `*_html` field as HTML that templates print as is.

    Templates never use `|safe`: this is the one place that trusts stored HTML.
    """

    def __init__(self, field_name):
        self.field_name = field_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        # Safe: the field is written only with forum.markdown.render_markdown's output,
        # which nh3 has cleaned against an allowlist.
        return mark_safe(getattr(instance, self.field_name))  # noqa: S308


# A comment past either is folded on its card, whole after "Read more" (works without JS).
LONG_COMMENT_CHARS = 1200
LONG_COMMENT_LINES = 12


class ThreadQuerySet(models.QuerySet):
    @staticmethod
    def visible_q(path=""):
        """Return a Q for threads whose page is public now; `path` leads to them ("thread__")."""
        return Q(**{f"{path}visible_from__lte": timezone.now()})

    def visible(self):
        """Return threads whose page readers can see now (not drafts or scheduled pieces)."""
        return self.filter(self.visible_q())

    def recount_comments(self):
        """Set each thread's comment_count to its number of published comments, under a lock."""
        return recount(
            self,
            field="comment_count",
            counted=Comment.objects.published(),
            link="thread",
        )


class Thread(models.Model):
    """A discussion attached to something commentable, known only by its title and URL.

    The forum never imports the articles app: the owner of a thread keeps `title` and
    `url` up to date, and that is all the forum needs to link back to it.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    key = models.CharField(
        max_length=100, unique=True, help_text=_("Owner's identifier, e.g. article:12")
    )
    title = models.CharField(max_length=300)
    url = models.CharField(
        max_length=300, help_text=_("Site-relative URL of the page hosting the thread")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Close automatically at this time")
    )
    premoderate = models.BooleanField("pre-moderate every comment", default=False)
    comment_count = models.PositiveIntegerField(default=0, help_text=_("Published comments"))
    visible_from = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the hosting page becomes public; empty: not public"),
    )
    # The accounts of the article's authors, set on the desk: slow mode doesn't slow them.
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="authored_threads",
        help_text=_("The article's authors' accounts: slow mode does not apply to them"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url

    @property
    def is_visible(self):
        """Return whether the thread's page is public now (the Python side of `visible()`)."""
        return self.visible_from is not None and self.visible_from <= timezone.now()

    @property
    def is_open(self):
        """Return whether new comments are accepted now."""
        if self.state != self.State.OPEN or not self.is_visible:
            return False
        return self.closes_at is None or self.closes_at > timezone.now()


class CommentQuerySet(models.QuerySet):
    def published(self):
        """Return the comments every reader can see."""
        return self.filter(status=Comment.Status.PUBLISHED)

    @staticmethod
    def visible_to_q(user):
        """Return a Q for the comments `user` sees in full (the rule is `Comment.seen_by`)."""
        return functools.reduce(operator.or_, (Q(**terms) for terms in Comment.seen_by(user)))

    @staticmethod
    def visible_to_sql(user, *, beyond=None):
        """Return (sql, params): the condition of `visible_to` for a query written in SQL.

        With `beyond` (another reader), only what `user` sees besides what `beyond` sees.
        """
        columns = {name: Comment._meta.get_field(name).column for name in ("status", "author_id")}
        excluded = Comment.seen_by(beyond) if beyond is not None else []
        alternatives, params = [], []
        for terms in Comment.seen_by(user):
            if terms in excluded:
                continue
            alternatives.append(" AND ".join(f"{columns[name]} = %s" for name in terms))
            params.extend(terms.values())
        return "(" + (" OR ".join(f"({sql})" for sql in alternatives) or "1 = 0") + ")", params

    def visible_to(self, user):
        """Return the comments a user may see: published ones, plus their own held ones."""
        return self.filter(self.visible_to_q(user))

    def on_visible_threads(self):
        """Return the comments on threads whose page is public (not drafts or scheduled)."""
        return self.filter(ThreadQuerySet.visible_q("thread__"))

    def recount_scores(self):
        """Set each comment's score to its number of votes, locking the comments first."""
        return recount(self, field="score", counted=Vote.objects.all(), link="comment")


class CommentManager(models.Manager.from_queryset(CommentQuerySet)):
    def get_queryset(self):
        # The search vector is as long as the body and costs more to read and parse than the
        # rest of the row: only search's SQL uses it, and a deferred column still filters.
        return super().get_queryset().defer("search_vector")


class Comment(models.Model):
    """A member's comment, or a reply to another comment, in a thread.

    Tree representation: an adjacency list (`parent`) plus a pointer to the top-level
    comment of each subtree (`root`) and the `depth`. A page of a thread is one query for
    its top-level comments (sorted and paginated in SQL by oldest, newest or top) and one
    for every comment under them (`root_id IN page`); the tree is then assembled in
    Python, siblings sorted by the same key. That is a constant number of queries for any
    thread size, sorting needs no path rewriting when scores change (a materialized path
    would fix sibling order at write time), and a reply is a single INSERT.
    """

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected")
        REMOVED = "removed", _("Removed by author")

    class HoldReason(models.TextChoices):
        """Why a comment waits for a moderator (or was refused), stored as a code.

        The labels are the desk's words; what the author is told is in
        forum/comments/reasons.py.
        """

        THREAD_PREMODERATED = "thread_premoderated", _("Thread pre-moderated")
        MEMBER_PREMODERATED = "member_premoderated", _("Member always pre-moderated")
        NEW_MEMBER = "new_member", _("New member")
        SUSPECT_WORD = "suspect_word", _("Suspect word")
        LINK_FROM_NEW_MEMBER = "link_from_new_member", _("Link from a new member")
        REPORTS = "reports", _("Reported by members")
        BANNED_WORD = "banned_word", _("Banned word")
        IMPORTED = "imported", _("Held in the imported archive")
        RESTRICTED = "restricted", _("Visibility restricted by a decision")
        LIKELY_ABUSIVE = "likely_abusive", _("Likely abusive")
        LIKELY_THREAT = "likely_threat", _("Possible threat or dehumanising words")
        SLOW_MODE = "slow_mode", _("New member in a thread in slow mode")
        LIKELY_SPAM = "likely_spam", _("Likely spam")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="descendants"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(max_length=10_000)
    body_html = models.TextField()
    body_markup = StoredMarkup("body_html")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    hold_reason = models.CharField(max_length=32, choices=HoldReason.choices, blank=True)
    hold_detail = models.CharField(
        max_length=100, blank=True, help_text=_("What the hold found (the suspect word)")
    )
    held_on_edit = models.BooleanField(
        default=False, help_text=_("Held again by its author's edit")
    )
    # The local toxicity score of the text when it was last posted or edited (None: not
    # scored, e.g. a moderator's) and the threshold in force then (forum/comments/scoring.py).
    toxicity_score = models.FloatField(null=True, blank=True)
    toxicity_threshold = models.FloatField(null=True, blank=True)
    # What the external scorers answered then, or how they failed (forum/comments/external.py).
    remote_scores = models.JSONField(default=dict, blank=True)
    hidden_by_reports = models.BooleanField(
        default=False, help_text=_("Held because enough members reported it")
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveIntegerField(default=0, help_text=_("Up-votes"))
    is_featured = models.BooleanField(default=False)
    featured_at = models.DateTimeField(null=True, blank=True)
    open_report_count = models.PositiveSmallIntegerField(default=0)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=40, blank=True)
    rejection_note = models.CharField(max_length=500, blank=True)
    # When the author was told of the rejection: a retried task must not tell them twice.
    rejection_emailed_at = models.DateTimeField(null=True, blank=True)
    # A random token from the composer: a resubmitted form finds the comment it created.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    # An imported comment: the archive it came from and its id there (a re-run finds it), and
    # its author's display name when they have no account here (forum.imports).
    import_source = models.CharField(max_length=20, blank=True)
    import_key = models.CharField(max_length=100, null=True, blank=True)
    guest = models.ForeignKey(
        "forum.GuestAuthor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest_name = models.CharField(max_length=100, blank=True)
    # Kept current by the database on every write; GIN-indexed on PostgreSQL by the migration
    # that adds it (the *_search_vector migration), NULL on SQLite.
    search_vector = models.GeneratedField(
        expression=StoredSearchVector(SearchVector("body", config=SEARCH_CONFIG)),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )

    objects = CommentManager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "parent", "status", "created_at"]),
            models.Index(fields=["root", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
            # A page of a thread reads its first top-level comments in order, and its
            # featured ones: without these, both read every comment of a busy thread.
            models.Index(
                fields=["thread", "created_at", "id"],
                include=["status", "author"],  # counted from the index alone
                condition=Q(parent__isnull=True),
                name="comment_thread_roots",
            ),
            models.Index(
                fields=["thread", "-featured_at"],
                condition=Q(is_featured=True),
                name="comment_thread_featured",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_by_reports=False) | Q(status="pending"),
                name="hidden_by_reports_only_while_pending",
            ),
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="comment_idempotency_key_once_per_author",
            ),
            models.UniqueConstraint(
                fields=["import_source", "import_key"],
                condition=Q(import_key__isnull=False),
                name="comment_imported_once_per_source",
            ),
        ]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_name}"

    def get_absolute_url(self):
        return reverse("forum:comment", args=[self.pk])

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def author_name(self):
        if self.author_id:
            return self.author.public_name
        return self.guest_name or "[deleted member]"

    @property
    def is_published(self):
        """Return whether every reader can see this comment (the Python side of `published()`)."""
        return self.status == Comment.Status.PUBLISHED

    def editable_by(self, user, now=None):
        """Return whether `user` may still edit this comment: its author, within the edit window.

        The one edit rule. A rejected or removed comment stays as it was decided. Comment
        cards (forum.discussion.cards.CardMeta) ask it too, with their own copy of the fields.
        """
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING)
            and (now or timezone.now()) - self.created_at <= settings.COMMENT_EDIT_WINDOW
        )

    @property
    def scored_abusive(self):
        """Return whether the toxicity score reached the threshold in force when it was scored."""
        return (
            self.toxicity_score is not None
            and self.toxicity_threshold is not None
            and self.toxicity_score >= self.toxicity_threshold
        )

    @property
    def is_long(self):
        """Return whether the card shows this comment folded, with "Read more" (about 12 lines)."""
        return len(self.body) > LONG_COMMENT_CHARS or self.body.count("\n") > LONG_COMMENT_LINES

    @staticmethod
    def seen_by(user):
        """Return which comments `user` sees in full: alternatives, each {attribute: value}.

        Every reader sees a published comment; its author also sees it while it is held for
        moderation. This is the rule, written once: `visible_to` (the ORM), `visible_to_sql`
        (SQL written by hand) and `is_visible_to` (Python) only read it.
        """
        seen = [{"status": Comment.Status.PUBLISHED.value}]
        if user.is_authenticated:
            seen.append({"status": Comment.Status.PENDING.value, "author_id": user.pk})
        return seen

    def is_visible_to(self, user):
        """Return whether `user` sees this comment in full (the Python side of `visible_to`)."""
        return any(
            all(getattr(self, name) == value for name, value in terms.items())
            for terms in self.seen_by(user)
        )

    @property
    def placeholder_text(self):
        """Return what readers who may not see this comment read in its place, above its replies."""
        if self.status == self.Status.PENDING:
            return gettext("This comment is hidden while moderators review it.")
        return gettext("This comment was removed.")


class CommentRevision(models.Model):
    """A previous body of an edited comment, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(help_text=_("When this text was written"))
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at"]
