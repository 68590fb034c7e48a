"""What the EU Digital Services Act asks a platform to keep: notices (Art. 16), decisions with
their statements of reasons (Art. 17), appeals (Art. 20), trusted flaggers (Art. 22),
notifiers suspended from notifying (Art. 23) and the daily counts of the transparency
report (Art. 15, 24).

Every row points at comments and members with SET_NULL: a notice or a statement outlives
the comment and the account it is about, for DSA_RETENTION_DAYS (docs/dsa.md).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.threads import Comment, Thread


def new_access_key():
    return secrets.token_urlsafe(24)


class IllegalCategory(models.TextChoices):
    """The kinds of illegality a notice names (Art. 16(2)(a)); the words explain each."""

    HATE = "hate", _("Hate speech or incitement to violence")
    TERRORISM = "terrorism", _("Terrorist content")
    CSAM = "csam", _("Child sexual abuse material")
    DEFAMATION = "defamation", _("Defamation")
    PRIVACY = "privacy", _("Privacy or personal data")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Intellectual property")
    SCAMS = "scams", _("Scams or fraud")
    OTHER = "other", _("Other illegal content")


class Notice(models.Model):
    """A notice of illegal content (Art. 16): who says what is illegal where, and why."""

    reference = models.CharField(max_length=20, unique=True)
    access_key = models.CharField(max_length=40, default=new_access_key)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    location = models.URLField(max_length=500)
    category = models.CharField(max_length=30, choices=IllegalCategory.choices)
    explanation = models.TextField(max_length=5000)
    country = models.CharField(max_length=2)
    notifier_name = models.CharField(max_length=200, blank=True)
    notifier_email = models.EmailField(blank=True)
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices_sent",
    )
    good_faith = models.BooleanField(default=False)
    trusted_flagger = models.ForeignKey(
        "TrustedFlagger", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decision = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["decided_at", "created_at"], name="notice_open_idx")]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.decided_at is None


class Decision(models.Model):
    """A moderator's decision on a comment and its statement of reasons (Art. 17(3))."""

    class Action(models.TextChoices):
        NO_ACTION = "no_action", _("No action")
        REMOVE = "remove", _("Removal of the comment")
        RESTRICT = "restrict", _("Visibility restricted: the comment is hidden from readers")
        SUSPEND = "suspend", _("Removal of the comment and suspension of the account")

    class Ground(models.TextChoices):
        ILLEGAL = "illegal", _("Illegal content")
        GUIDELINES = "guidelines", _("Incompatible with the community guidelines")

    class Source(models.TextChoices):
        NOTICE = "notice", _("A notice from a third party (Art. 16)")
        TRUSTED_FLAGGER = "trusted_flagger", _("A notice from a trusted flagger (Art. 22)")
        OWN_INITIATIVE = "own_initiative", _("The site's own initiative")

    reference = models.CharField(max_length=20, unique=True)
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    # The comment's words as they were decided: kept when the comment is erased.
    content_excerpt = models.TextField(blank=True)
    content_date = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_received",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    suspended_until = models.DateTimeField(null=True, blank=True)
    ground = models.CharField(max_length=20, choices=Ground.choices, blank=True)
    legal_category = models.CharField(max_length=30, choices=IllegalCategory.choices, blank=True)
    legal_ground = models.CharField(max_length=300, blank=True)
    rule = models.PositiveSmallIntegerField(null=True, blank=True)
    facts = models.TextField(max_length=1000)
    source = models.CharField(max_length=20, choices=Source.choices)
    territorial_scope = models.CharField(max_length=2, blank=True)
    automated_detection = models.BooleanField(default=False)
    automated_decision = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    author_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference

    @property
    def restricts(self):
        return self.action != self.Action.NO_ACTION

    @property
    def appeal_deadline(self):
        return self.created_at + settings.DSA_APPEAL_WINDOW


class Appeal(models.Model):
    """A complaint against a decision (Art. 20), decided by another moderator."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("The comment's author")
        NOTIFIER = "notifier", _("The notifier")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Decision upheld")
        REVERSED = "reversed", _("Decision reversed")

    reference = models.CharField(max_length=20, unique=True)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="appeals")
    role = models.CharField(max_length=10, choices=Role.choices)
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_made",
    )
    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "role"], name="one_appeal_per_decision_and_role"
            )
        ]

    def __str__(self):
        return self.reference


class TrustedFlagger(models.Model):
    """An organisation whose notices come first (Art. 22): by e-mail domain or account."""

    name = models.CharField(max_length=200)
    email_domain = models.CharField(max_length=200, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NotifierSuspension(models.Model):
    """A notifier barred from notifying for a while after manifestly unfounded notices (Art. 23)."""

    email = models.EmailField(blank=True, db_index=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    until = models.DateTimeField()
    reason = models.CharField(max_length=500)
    unfounded_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class TransparencyCount(models.Model):
    """One figure of the transparency report for one day: `metric` for `key`, counted up."""

    day = models.DateField()
    metric = models.CharField(max_length=30)
    key = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "metric", "key"], name="one_count_per_day")
        ]
