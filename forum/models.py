"""The discussion: threads, comments, votes, follows, reports and the moderation record."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        """Return threads whose page readers can see now (not drafts or scheduled pieces)."""
        return self.filter(visible_from__lte=timezone.now())


class Thread(models.Model):
    """A discussion attached to something commentable, known only by its title and URL.

    The forum never imports the articles app: the owner of a thread keeps `title` and
    `url` up to date, and that is all the forum needs to link back to it.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    key = models.CharField(
        max_length=100, unique=True, help_text="Owner's identifier, e.g. article:12"
    )
    title = models.CharField(max_length=300)
    url = models.CharField(
        max_length=300, help_text="Site-relative URL of the page hosting the thread"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Close automatically at this time"
    )
    premoderate = models.BooleanField("pre-moderate every comment", default=False)
    comment_count = models.PositiveIntegerField(default=0, help_text="Published comments")
    visible_from = models.DateTimeField(
        null=True, blank=True, help_text="When the hosting page becomes public; empty: not public"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url

    @property
    def is_visible(self):
        return self.visible_from is not None and self.visible_from <= timezone.now()

    @property
    def is_open(self):
        """Return whether new comments are accepted now."""
        if self.state != self.State.OPEN or not self.is_visible:
            return False
        return self.closes_at is None or self.closes_at > timezone.now()


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def visible_to(self, user):
        """Return the comments a user may see: published ones, plus their own held ones."""
        if user.is_authenticated:
            return self.filter(
                Q(status=Comment.Status.PUBLISHED) | Q(status=Comment.Status.PENDING, author=user)
            )
        return self.published()

    def in_tree(self):
        """Return every comment that takes a place in a thread's tree (placeholders included)."""
        return self.select_related("author").order_by("created_at", "pk")


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
        PUBLISHED = "published", "Published"
        PENDING = "pending", "Awaiting moderation"
        REJECTED = "rejected", "Rejected"
        REMOVED = "removed", "Removed by author"

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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    hold_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveIntegerField(default=0, help_text="Up-votes")
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

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "parent", "status", "created_at"]),
            models.Index(fields=["root", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["author", "created_at"]),
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
        return self.author.public_name if self.author_id else "[deleted member]"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_gone(self):
        """Return whether readers see a placeholder instead of this comment."""
        return self.status in (self.Status.REJECTED, self.Status.REMOVED)


class CommentRevision(models.Model):
    """A previous body of an edited comment, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(help_text="When this text was written")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at"]


class Vote(models.Model):
    """One member's up-vote on one comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "voter"], name="one_vote_per_member_per_comment"
            )
        ]


class Follow(models.Model):
    """A member following a thread (new-comment e-mails if they opted in)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "member"], name="one_follow_per_member_per_thread"
            )
        ]


class Notification(models.Model):
    """An e-mail-worthy event for a member; gathered per thread, one e-mail per window."""

    class Kind(models.TextChoices):
        REPLY = "reply", "Reply to your comment"
        FOLLOW = "follow", "New comment in a thread you follow"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "thread", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "comment"], name="one_notification_per_comment"
            )
        ]


class Report(models.Model):
    """A member's report of a comment to the moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        HARASSMENT = "harassment", "Harassment or hate"
        OFF_TOPIC = "off_topic", "Off-topic"
        MISINFORMATION = "misinformation", "Misinformation"
        OTHER = "other", "Other"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_member_per_comment"
            )
        ]


class WordRule(models.Model):
    """A word or phrase moderators ban (reject at once) or mark suspect (hold for review)."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Banned: reject the comment"
        SUSPECT = "suspect", "Suspect: hold for review"

    phrase = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "phrase"]

    def __str__(self):
        return f"{self.phrase} ({self.kind})"


class ModeratorNote(models.Model):
    """A private note moderators keep about a member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class ModerationAction(models.Model):
    """One entry of the audit log: who did what, to which comment, member or thread, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_actions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions_received",
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_actions"
    )
    reason = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
