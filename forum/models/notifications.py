"""Events a member is told about by e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.threads import Comment, Thread


class Notification(models.Model):
    """An e-mail-worthy event for a member; gathered per thread, one e-mail per window."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply to your comment")
        FOLLOW = "follow", _("New comment in a thread you follow")

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
