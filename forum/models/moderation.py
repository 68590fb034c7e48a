"""What moderators keep: reports, word rules, notes on members and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.threads import Comment, Thread


class Report(models.Model):
    """A member's report of a comment to the moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        HARASSMENT = "harassment", _("Harassment or hate")
        OFF_TOPIC = "off_topic", _("Off-topic")
        MISINFORMATION = "misinformation", _("Misinformation")
        OTHER = "other", _("Other")

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
        BANNED = "banned", _("Banned: reject the comment")
        SUSPECT = "suspect", _("Suspect: hold for review")

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


class ScoringPolicy(models.Model):
    """What the site does with a comment whose toxicity score reaches the threshold (one row)."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold it for review")
        REJECT = "reject", _("Reject it, telling the author why (they keep their text)")
        MARK = "mark", _("Only mark it on the desk (publish it)")

    action = models.CharField(max_length=10, choices=Action.choices, default=Action.HOLD)
    threshold = models.FloatField(help_text=_("A score from 0 to 1; at or above it, the action"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def current(cls):
        """Return the site's policy: the stored row, or the settings' defaults (unsaved)."""
        return cls.objects.filter(pk=1).first() or cls(
            pk=1, action=cls.Action.HOLD, threshold=settings.TOXICITY_THRESHOLD
        )


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

    class Action(models.TextChoices):
        COMMENT_APPROVE = "comment_approve", _("Approved comment")
        COMMENT_REJECT = "comment_reject", _("Rejected comment")
        COMMENT_RESTORE = "comment_restore", _("Restored comment")
        COMMENT_FEATURE = "comment_feature", _("Featured comment")
        COMMENT_UNFEATURE = "comment_unfeature", _("Unfeatured comment")
        REPORTS_DISMISS = "reports_dismiss", _("Dismissed reports")
        COMMENT_HIDE_REPORTED = "comment_hide_reported", _("Hid reported comment (automatic)")
        THREAD_CLOSE = "thread_close", _("Closed thread")
        THREAD_REOPEN = "thread_reopen", _("Reopened thread")
        THREAD_SET_CLOSING_TIME = "thread_set_closing_time", _("Set closing time")
        THREAD_PREMODERATE_ON = "thread_premoderate_on", _("Pre-moderated thread")
        THREAD_PREMODERATE_OFF = "thread_premoderate_off", _("Stopped pre-moderating thread")
        THREAD_AUTHORS = "thread_authors", _("Set the article's authors")
        MEMBER_SUSPEND = "member_suspend", _("Suspended member")
        MEMBER_LIFT_SUSPENSION = "member_lift_suspension", _("Lifted suspension")
        MEMBER_BAN = "member_ban", _("Banned member")
        MEMBER_LIFT_BAN = "member_lift_ban", _("Lifted ban")
        MEMBER_PREMODERATE_ON = "member_premoderate_on", _("Always pre-moderate member")
        MEMBER_PREMODERATE_OFF = "member_premoderate_off", _("Stopped pre-moderating member")
        MODERATOR_GRANT = "moderator_grant", _("Granted moderator rights")
        MODERATOR_REVOKE = "moderator_revoke", _("Revoked moderator rights")
        NOTE_ADD = "note_add", _("Added note")
        WORD_ADD = "word_add", _("Added word")
        WORD_REMOVE = "word_remove", _("Removed word")
        NOTICE_RECEIVED = "notice_received", _("Received notice of illegal content")
        NOTICE_DECIDED = "notice_decided", _("Decided, with a statement of reasons")
        APPEAL_RECEIVED = "appeal_received", _("Received appeal")
        APPEAL_UPHELD = "appeal_upheld", _("Upheld decision on appeal")
        APPEAL_REVERSED = "appeal_reversed", _("Reversed decision on appeal")
        FLAGGER_TRUST = "flagger_trust", _("Trusted flagger added")
        FLAGGER_DISTRUST = "flagger_distrust", _("Trusted flagger removed")
        NOTIFIER_SUSPEND = "notifier_suspend", _("Suspended notifier (Art. 23)")
        COMMENT_RESTRICT = "comment_restrict", _("Restricted comment's visibility")
        THREAD_SLOW_MODE_START = "thread_slow_mode_start", _("Slow mode started")
        THREAD_SLOW_MODE_END = "thread_slow_mode_end", _("Slow mode ended")
        MEMBER_TRUST_SET = "member_trust_set", _("Set member's trust level")
        SCORING_CHANGE = "scoring_change", _("Changed what a toxicity score does")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40, choices=Action.choices)
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
