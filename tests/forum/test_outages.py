"""A failure keeps its shape: under /api/ the API's JSON error wherever the exception escaped,
elsewhere a page; a database outage is a 503 with Retry-After (simulated: the server stays up)."""

import pytest
from django.db import InterfaceError, OperationalError

from articles import views as article_views
from forum.api import errors, threads
from forum.platform import db_router

pytestmark = pytest.mark.django_db

OUTAGES = [OperationalError("connection refused"), InterfaceError("connection already closed")]


def raising(exc):
    def fail(*args, **kwargs):
        raise exc

    return fail


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # answered as in production
    return client


@pytest.mark.parametrize("exc", OUTAGES, ids=["operational", "interface"])
def test_an_outage_in_an_endpoint_is_a_503_in_the_api_shape(client, thread, monkeypatch, exc):
    monkeypatch.setattr(threads, "thread_out", raising(exc))
    response = client.get(f"/api/v1/threads/{thread.pk}/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.OUTAGE_RETRY_SECONDS)
    assert response.json() == {"code": "unavailable", "message": errors.UNAVAILABLE}


@pytest.mark.parametrize("exc", OUTAGES, ids=["operational", "interface"])
def test_an_outage_before_the_api_is_reached_is_a_503_in_its_shape(
    client, thread, monkeypatch, exc
):
    # A middleware's query (sessions, the replica's routing) fails before ninja is called.
    monkeypatch.setattr(db_router, "replica_configured", raising(exc))
    response = client.get(f"/api/v1/threads/{thread.pk}/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == str(errors.OUTAGE_RETRY_SECONDS)
    assert response.json()["code"] == "unavailable"


def test_a_bug_before_the_api_is_reached_is_a_500_in_its_shape(client, monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", raising(RuntimeError("a bug")))
    for path in ("/api/v1/threads/", "/api/v1/nowhere/", "/api/other/"):
        response = client.get(path)
        assert response.status_code == 500
        assert response.json() == {"code": "server_error", "message": errors.SERVER_ERROR}


@pytest.mark.parametrize("exc", OUTAGES, ids=["operational", "interface"])
def test_a_page_during_an_outage_is_a_503_page_with_retry_after(client, article, monkeypatch, exc):
    monkeypatch.setattr(article_views, "most_discussed_on_site", raising(exc))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == str(errors.OUTAGE_RETRY_SECONDS)
    assert "Error 503" in response.content.decode()


def test_a_bug_in_a_page_is_still_the_500_page(client, article, monkeypatch):
    monkeypatch.setattr(article_views, "most_discussed_on_site", raising(RuntimeError("bug")))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 500
    assert "Error 500" in response.content.decode()
    assert not response.has_header("Retry-After")
