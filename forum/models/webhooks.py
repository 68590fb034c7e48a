"""Signed webhooks: the endpoints moderators register, the outbox of deliveries, each attempt.

A Delivery row is written in the transaction of the change it tells (the outbox), so a write
that rolls back delivers nothing and a committed one is never lost; the task worker sends it
(forum/webhooks/sending.py). Its `message_id` is the `webhook-id` of every attempt.
"""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret():
    """Return a Standard Webhooks secret: "whsec_" and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id():
    return f"msg_{uuid.uuid4().hex}"


class Event(models.TextChoices):
    """What an endpoint can subscribe to; the value is the payload's `type`."""

    COMMENT_PUBLISHED = "comment.published", _("Comment published")
    COMMENT_EDITED = "comment.edited", _("Comment edited")
    COMMENT_REMOVED = "comment.removed", _("Comment removed (by its author or a moderator)")
    COMMENT_HELD = "comment.held", _("Comment held for moderation")
    REPORT_RECEIVED = "report.received", _("Report received")
    REPORTS_PAST_THRESHOLD = "report.threshold_reached", _("Comment hidden by members' reports")
    NOTICE_RECEIVED = "notice.received", _("Notice of illegal content received")
    APPEAL_DECIDED = "appeal.decided", _("Appeal decided")
    THREAD_CLOSED = "thread.closed", _("Thread closed")
    THREAD_HEATING_UP = "thread.heating_up", _("Thread heating up")


# What a Slack-compatible endpoint gets by default: the alerts moderators act on.
ALERTS = [Event.NOTICE_RECEIVED, Event.REPORTS_PAST_THRESHOLD, Event.THREAD_HEATING_UP]


class EndpointQuerySet(models.QuerySet):
    def listening_to(self, event_type):
        """Return the active endpoints subscribed to `event_type` (a list: a handful of rows).

        Filtered here, not in SQL: SQLite has no JSON `contains`.
        """
        return [e for e in self.filter(is_active=True) if event_type in e.events]


class Endpoint(models.Model):
    """A URL that receives the events it subscribed to, signed with its secret."""

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Signed JSON (Standard Webhooks)")
        SLACK = "slack", _("Slack-compatible incoming webhook (a text message)")

    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)
    is_active = models.BooleanField(default=True)
    # Shown once, when the endpoint is created; kept to sign (never shown again).
    secret = models.CharField(max_length=100, default=new_secret)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The first failed attempt since the last success: past WEBHOOKS_DISABLE_AFTER, disabled.
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        permissions = [("manage_integrations", "Can manage integrations (webhook endpoints)")]

    def __str__(self):
        return self.url

    @property
    def is_slack(self):
        return self.kind == self.Kind.SLACK

    def event_labels(self):
        return [Event(value).label for value in self.events if value in Event.values]


class DeliveryQuerySet(models.QuerySet):
    def due(self, now):
        """Return the deliveries to send at `now`: waiting, or sending with a lapsed claim."""
        waiting = models.Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        lapsed = models.Q(status=Delivery.Status.SENDING, claimed_until__lte=now)
        return self.filter(waiting | lapsed)


class Delivery(models.Model):
    """One event for one endpoint: the outbox row, sent until the receiver says 2xx."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True, default=new_message_id)
    event_type = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    # A worker that claimed it sends it until then; past it another worker may.
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.message_id} {self.event_type}"


class Attempt(models.Model):
    """One try at sending a delivery: what the receiver answered, or why nothing came back."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # The first bytes of the answer, shown as text (never as HTML).
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.delivery_id} {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
