"""Send the outbox: claim a delivery, POST it signed, record the attempt, retry or give up.

A delivery is claimed under its row lock (`SELECT ... FOR UPDATE SKIP LOCKED`) and marked
SENDING until `claimed_until`, in a short transaction: a second worker skips it, and no
transaction stays open during the request. The answer is recorded in another transaction,
by the claim that sent it. A worker that dies between the two leaves the claim to lapse
(CLAIM_SECONDS, well past the timeout); then the delivery is sent again, with the same
`webhook-id`. So each event reaches a receiver at least once, and exactly once for a
receiver that ignores a `webhook-id` it has already seen (docs/integration.md).

Every function takes `now`: tests drive the clock, nothing here sleeps.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from accounts.languages import member_language
from forum.models.webhooks import Attempt, Delivery, Endpoint
from forum.platform.retry import retry_on_transient_error
from forum.webhooks import payloads, transport

logger = logging.getLogger("forum.webhooks")

CLAIM_SECONDS = 60
# The waits after each failed attempt (Standard Webhooks' suggested schedule, cut to last
# about a day: 23 h 35 min from the first attempt to the eighth and last).
RETRY_DELAYS = [
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=8),
    timedelta(hours=8),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def claim(*, now, delivery_id=None):
    """Claim the next due delivery (or this one, if due); return it with its Attempt, or None."""
    with transaction.atomic():
        due = Delivery.objects.due(now).select_for_update(skip_locked=True, of=("self",))
        if delivery_id is not None:
            due = due.filter(pk=delivery_id)
        due = due.select_related("endpoint").order_by("next_attempt_at", "pk")
        delivery = due.first()
        while delivery is not None and not delivery.endpoint.is_active:
            # Switched off (or disabled) since it was written: not sent.
            _give_up(Delivery.objects.filter(pk=delivery.pk), now=now)
            delivery = due.first() if delivery_id is None else None
        if delivery is None:
            return None
        delivery.status = Delivery.Status.SENDING
        delivery.claim = secrets.token_hex(16)
        delivery.claimed_until = now + timedelta(seconds=CLAIM_SECONDS)
        delivery.attempt_count += 1
        delivery.save(update_fields=["status", "claim", "claimed_until", "attempt_count"])
        # Written now, so an attempt whose worker died still shows on the delivery page.
        attempt = Attempt.objects.create(
            delivery=delivery,
            started_at=now,
            error="No answer recorded: the worker stopped while sending.",
        )
    return delivery, attempt


def _give_up(deliveries, *, now):
    deliveries.update(status=Delivery.Status.FAILED, finished_at=now, claim="", claimed_until=None)


def request_of(delivery, *, now):
    """Return (body, headers) of one attempt: signed, unless the endpoint is Slack's kind."""
    if delivery.endpoint.is_slack:
        body = payloads.serialized({"text": payloads.slack_text(delivery.payload)})
        return body, {}
    body = payloads.serialized(delivery.payload)
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, now, body.decode())
    headers = {
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    return body, headers


def send(delivery, *, now):
    """POST one attempt of `delivery`; return the transport's Answer or the error's words."""
    body, headers = request_of(delivery, now=now)
    try:
        return transport.post(delivery.endpoint.url, body, headers)
    except transport.AddressRefused as refused:
        return str(refused)
    except OSError as error:  # refused, reset, timed out, TLS ...
        return f"{type(error).__name__}: {error}"[:300]


def record(delivery, attempt, answer, *, now):
    """Store what `attempt` got; deliver, schedule the next attempt or give up; return status."""
    with transaction.atomic():
        current = (
            Delivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
        )
        if isinstance(answer, transport.Answer):
            attempt.status_code, attempt.error = answer.status_code, ""
            attempt.duration_ms, attempt.response_excerpt = answer.duration_ms, answer.excerpt
        else:
            attempt.error = answer[:300]
        attempt.save()
        if current.claim != delivery.claim or current.status != Delivery.Status.SENDING:
            return current.status  # our claim lapsed and another worker took it over
        current.claim, current.claimed_until = "", None
        endpoint = current.endpoint
        if attempt.succeeded:
            current.status, current.finished_at = Delivery.Status.DELIVERED, now
            Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        elif current.attempt_count >= MAX_ATTEMPTS:
            current.status, current.finished_at = Delivery.Status.FAILED, now
        else:
            current.status = Delivery.Status.PENDING
            current.next_attempt_at = now + RETRY_DELAYS[current.attempt_count - 1]
        current.save(
            update_fields=["status", "finished_at", "next_attempt_at", "claim", "claimed_until"]
        )
        if not attempt.succeeded:
            _count_failure(endpoint, now=now)
        current.refresh_from_db(fields=["status"])
        if current.status == Delivery.Status.PENDING:
            _schedule(current)
    return current.status


def _count_failure(endpoint, *, now):
    endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        endpoint.save(update_fields=["failing_since"])
    elif endpoint.is_active and now - endpoint.failing_since >= settings.WEBHOOKS_DISABLE_AFTER:
        endpoint.is_active, endpoint.disabled_at = False, now
        endpoint.save(update_fields=["is_active", "disabled_at"])
        _give_up(endpoint.deliveries.filter(status=Delivery.Status.PENDING), now=now)
        logger.warning(
            "Webhook endpoint %s disabled: failing since %s", endpoint.pk, endpoint.failing_since
        )
        transaction.on_commit(lambda: _tell_owner(endpoint), robust=True)


def _tell_owner(endpoint):
    owner = endpoint.owner
    if owner is None or not owner.email:
        return
    with translation.override(member_language(owner) or settings.LANGUAGE_CODE):
        subject = _("A webhook endpoint was switched off")
        body = _(
            "Deliveries to %(url)s have failed since %(since)s UTC, so it was switched off.\n\n"
            "The delivery page shows what it answered. Once it works again, switch it back on "
            "from the moderation desk: %(page)s\n"
        ) % {
            "url": endpoint.url,
            "since": date_format(endpoint.failing_since, "SHORT_DATETIME_FORMAT"),
            "page": f"{settings.SITE_URL}/moderation/integrations/{endpoint.pk}/",
        }
    send_mail(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [owner.email],
    )


def _schedule(delivery, at=None):
    """Enqueue `deliver` for when the delivery is due, if the task backend can wait."""
    if deliver.get_backend().supports_defer:
        task = deliver.using(run_after=at or delivery.next_attempt_at)
        transaction.on_commit(lambda: task.enqueue(delivery.pk), robust=True)
    # Otherwise (the tests' immediate backend) the next `send_due` finds it once due.


@task()
def deliver(delivery_id, attempt=1):
    """Send one delivery now if it is due; otherwise come back when it is."""
    # A database restart met here is retried like any task's (30 s, then doubling), not left
    # to the sweep; a delivery it left SENDING is sent again once its claim lapses.
    return retry_on_transient_error(deliver, _deliver, delivery_id, attempt=attempt)


def _deliver(delivery_id):
    status = send_one(delivery_id)
    if status is not None:
        return status
    # Not due: a retry's time has not come, or another worker's claim has not lapsed (a
    # task queued again after its worker died). The sweep (`webhooks_send`) is the net.
    waiting = Delivery.objects.filter(
        pk=delivery_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).first()
    if waiting is not None:
        with transaction.atomic():
            _schedule(waiting, at=waiting.claimed_until or waiting.next_attempt_at)
    return "waiting" if waiting is not None else "done"


def send_one(delivery_id=None, *, now=None):
    """Claim, send and record one due delivery (this one, or the next); return its status."""
    claimed = claim(now=now or timezone.now(), delivery_id=delivery_id)
    if claimed is None:
        return None
    delivery, attempt = claimed
    answer = send(delivery, now=now or timezone.now())
    return record(delivery, attempt, answer, now=now or timezone.now())


def send_due(*, now=None, limit=1000):
    """Send every delivery due at `now` (at most `limit`); return how many were attempted."""
    sent = 0
    while sent < limit and send_one(now=now) is not None:
        sent += 1
    return sent
