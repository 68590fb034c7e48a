"""Managing webhook endpoints: who may, and adding, changing and deleting one."""

from django.db import transaction

from forum.errors import ModerationError, NotAllowed, RateLimited
from forum.models.webhooks import Endpoint, Event, new_secret
from forum.platform import ratelimit
from forum.refusals import Code
from forum.roles import is_moderator
from forum.webhooks import transport

PERMISSION = "forum.manage_integrations"
CHANGES_PER_HOUR = 60


def can_manage(user):
    """Return whether `user` may manage webhooks: the admin, or a moderator with the permission."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (is_moderator(user) and user.has_perm(PERMISSION))


def _check(actor, *, url, events):
    if not can_manage(actor):
        raise NotAllowed(Code.INTEGRATIONS_ONLY)
    if not ratelimit.hit("webhooks", actor.pk, limit=CHANGES_PER_HOUR, window_seconds=3600):
        raise RateLimited(Code.WEBHOOKS_TOO_FAST)
    events = [e for e in Event.values if e in set(events or ())]
    if not events:
        raise ModerationError(Code.WEBHOOK_NO_EVENTS)
    try:
        transport.check_destination(url)
    except transport.AddressRefused as refused:
        raise ModerationError(Code.WEBHOOK_ADDRESS_REFUSED, why=str(refused)) from None
    return events


@transaction.atomic
def endpoint_create(*, actor, url, events, kind=Endpoint.Kind.STANDARD, description=""):
    """Add an endpoint owned by `actor`; return it, its secret readable this once."""
    events = _check(actor, url=url, events=events)
    return Endpoint.objects.create(
        url=url,
        kind=kind,
        events=events,
        description=description,
        owner=actor,
        secret=new_secret(),
    )


@transaction.atomic
def endpoint_update(*, actor, endpoint, url, events, is_active, description=""):
    """Change an endpoint's address, events, description or switch; return it.

    Switching it back on clears its failing streak: it gets a new day to answer.
    """
    events = _check(actor, url=url, events=events)
    endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    if is_active and not endpoint.is_active:
        endpoint.failing_since, endpoint.disabled_at = None, None
    endpoint.url, endpoint.events, endpoint.description = url, events, description
    endpoint.is_active = is_active
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_delete(*, actor, endpoint):
    """Delete an endpoint with its deliveries and their attempts."""
    if not can_manage(actor):
        raise NotAllowed(Code.INTEGRATIONS_ONLY)
    Endpoint.objects.filter(pk=endpoint.pk).delete()
