"""Deliveries go to public addresses only (checked when added and at each send), time out."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from forum.comments import transitions
from forum.errors import ModerationError
from forum.models.webhooks import Delivery
from forum.refusals import Code
from forum.webhooks import sending, services, transport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # the cloud's metadata service
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4 in IPv6 clothing
    ],
)
def test_only_public_addresses_are_public(address, public):
    assert transport.is_public(address) is public


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9120/hooks",
        "http://localhost:9120/hooks",  # a name is resolved, and each of its addresses checked
        "https://[::1]/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://example.org/hooks",
        "http://user:secret@example.org/hooks",
    ],
)
def test_adding_a_private_or_odd_address_is_refused(integrator, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ModerationError) as refused:
        services.endpoint_create(actor=integrator, url=url, events=["comment.published"])
    assert refused.value.code == Code.WEBHOOK_ADDRESS_REFUSED
    assert "Nothing was saved" in str(refused.value)


def test_a_name_that_turns_private_after_it_was_added_gets_nothing(
    endpoint, receiver, settings, thread, member, monkeypatch
):
    """DNS rebinding: the name is resolved and checked again at each send."""
    hook = endpoint()
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 9120))]
    private = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 9120))]
    answers = iter([public, private])
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda *a, **k: next(answers))
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    services.endpoint_update(
        actor=hook.owner,
        endpoint=hook,
        url="http://hooks.example.org:9120/hooks",
        events=hook.events,
        is_active=True,
    )
    transitions.comment_create(author=member, thread=thread, body="Hello.")
    sending.send_due(now=timezone.now() + timedelta(seconds=1))
    assert receiver.received == []
    attempt = Delivery.objects.get().attempts.get()
    assert attempt.status_code is None and "127.0.0.1" in attempt.error


def test_a_receiver_that_never_answers_times_out(endpoint, thread, member, settings):
    # A socket that accepts connections (the kernel's backlog) and never answers.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        port = silent.getsockname()[1]
        settings.WEBHOOKS_TIMEOUT_SECONDS = 0.2
        hook = endpoint()
        hook.url = f"http://127.0.0.1:{port}/hooks"
        hook.save()
        transitions.comment_create(author=member, thread=thread, body="Hello.")
        sending.send_due(now=timezone.now() + timedelta(seconds=1))
    finally:
        silent.close()
    delivery = Delivery.objects.get()
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and "timed out" in attempt.error
    assert delivery.status == Delivery.Status.PENDING  # tried again later
