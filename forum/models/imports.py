"""Authors of imported comments who have no account here, and the staff's import runs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuestAuthorQuerySet(models.QuerySet):
    def claimable_by(self, member):
        """Return the guests whose kept e-mail is one of `member`'s verified addresses."""
        emails = member.emailaddress_set.filter(verified=True).values_list("email", flat=True)
        return self.filter(
            claimed_by__isnull=True,
            email__in=[e.lower() for e in emails],
            email_kept_until__gt=timezone.now(),
        )

    def past_keeping(self):
        """Return the guests whose e-mail address is kept no longer (to erase it)."""
        return self.exclude(email="").filter(email_kept_until__lte=timezone.now())


class GuestAuthor(models.Model):
    """Who wrote imported comments on the old system, known by a display name only.

    The e-mail address is kept only so that a member who verifies the same address may
    claim the comments (IMPORT_EMAIL_KEEP_DAYS), and is never shown; no IP address is stored.
    """

    source = models.CharField(max_length=20, help_text=_("disqus, wordpress or invitation"))
    key = models.CharField(max_length=200, help_text=_("The archive's identity of the author"))
    name = models.CharField(max_length=100)
    email = models.CharField(max_length=254, blank=True)
    email_kept_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GuestAuthorQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="guest_author_once_per_source")
        ]
        indexes = [
            models.Index(fields=["email"], condition=~Q(email=""), name="guest_author_email")
        ]

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """An import started from the moderation desk: its file, progress and final report."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(max_length=20)
    file_name = models.CharField(max_length=200)
    path = models.CharField(max_length=500, help_text=_("The uploaded file on the server"))
    skip_spam = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    done = models.PositiveIntegerField(default=0, help_text=_("Comments read so far"))
    total = models.PositiveIntegerField(default=0, help_text=_("Comments in the file, if known"))
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.format} import of {self.file_name}"

    @property
    def percent(self):
        return min(100, 100 * self.done // self.total) if self.total else 0
