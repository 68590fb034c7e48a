"""The desk's integrations pages: who may use them, the secret shown once, the delivery log."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.models.webhooks import Attempt, Delivery, Endpoint
from forum.webhooks import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("webhooks:integrations")
ADD = reverse("webhooks:endpoint_add")


def add_form(url, **fields):
    return {"url": url, "kind": "standard", "events": ["comment.published"], **fields}


def test_anonymous_visitors_are_sent_to_sign_in(client, receiver):
    assert client.get(LIST).status_code == 302
    response = client.post(ADD, add_form(receiver.url))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Endpoint.objects.exists()


def test_moderators_without_the_permission_and_members_are_refused(client_as, moderator, member):
    for user in (moderator, member):
        client = client_as(user)
        assert client.get(LIST).status_code == 403
        assert client.post(ADD, add_form("https://example.org/hooks")).status_code == 403
    assert not Endpoint.objects.exists()


def test_the_admin_may_without_the_permission(client_as, receiver):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert client_as(admin).get(LIST).status_code == 200
    assert services.can_manage(admin)


def test_adding_shows_the_secret_once(client_as, integrator, receiver):
    client = client_as(integrator)
    assert client.get(LIST).status_code == 200
    response = client.post(ADD, add_form(receiver.url, description="Newsroom CMS"))
    assert response.status_code == 201
    endpoint = Endpoint.objects.get()
    assert endpoint.owner == integrator and endpoint.events == ["comment.published"]
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    for page in (LIST, reverse("webhooks:endpoint", args=[endpoint.pk])):
        assert endpoint.secret not in client.get(page).content.decode()


def test_bad_input_changes_nothing_and_says_why(client_as, integrator, settings):
    client = client_as(integrator)
    response = client.post(ADD, add_form("https://example.org/hooks", events=[]))
    assert response.status_code == 400
    assert "Choose at least one event" in response.content.decode()
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = client.post(ADD, add_form("http://127.0.0.1:9120/hooks"))
    assert response.status_code == 400
    assert "private or local address" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_editing_switching_off_and_deleting(client_as, integrator, endpoint, receiver):
    hook = endpoint()
    client = client_as(integrator)
    url = reverse("webhooks:endpoint", args=[hook.pk])
    response = client.post(url, {"url": receiver.url, "events": ["thread.closed"]})
    assert response.status_code == 302
    hook.refresh_from_db()
    assert hook.events == ["thread.closed"] and not hook.is_active
    Endpoint.objects.filter(pk=hook.pk).update(failing_since=timezone.now())
    client.post(url, {"url": receiver.url, "events": ["thread.closed"], "is_active": "on"})
    hook.refresh_from_db()
    assert hook.is_active and hook.failing_since is None  # back on: a new day to answer
    response = client.post(reverse("webhooks:endpoint_delete", args=[hook.pk]))
    assert response.status_code == 302 and not Endpoint.objects.exists()


def test_the_delivery_page_shows_answers_as_text(client_as, integrator, endpoint):
    hook = endpoint()
    now = timezone.now()
    for n in range(8):
        delivery = Delivery.objects.create(
            endpoint=hook, event_type="comment.published", payload={"n": n}
        )
        for k in range(3):
            Attempt.objects.create(
                delivery=delivery,
                started_at=now + timedelta(minutes=k),
                status_code=500,
                duration_ms=12,
                response_excerpt='<script>alert("x")</script>',
            )
    client = client_as(integrator)
    url = reverse("webhooks:deliveries", args=[hook.pk])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert delivery.message_id in page and "HTTP 500" in page
    # As many queries for 8 deliveries as for 1.
    Delivery.objects.exclude(pk=delivery.pk).delete()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries) <= 14
