"""An exception no endpoint expects: the API's JSON shape, logged and counted as Django would."""

import logging

import pytest
from django.core.signals import got_request_exception
from prometheus_client import REGISTRY

from forum.api import errors, threads
from forum.comments import transitions

pytestmark = pytest.mark.django_db


class Broken(Exception):
    """A bug in an endpoint."""


def fail(*args, **kwargs):
    raise Broken("a bug")


def served_500s(view):
    labels = {"view": view, "method": "GET", "status": "500"}
    return REGISTRY.get_sample_value("forum_http_requests_total", labels) or 0


@pytest.fixture
def heard():
    """Return the requests whose exception reached got_request_exception's listeners."""
    requests = []

    def listen(sender, request, **kwargs):
        requests.append(request)

    got_request_exception.connect(listen)
    yield requests
    got_request_exception.disconnect(listen)


def test_a_read_answers_json_and_logs_the_traceback(
    api, thread, monkeypatch, caplog, heard, client
):
    monkeypatch.setattr(threads, "thread_out", fail)
    client.raise_request_exception = False
    before = served_500s("api:thread_detail")
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.get(f"/threads/{thread.pk}/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": "server_error", "message": errors.SERVER_ERROR}
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR and record.status_code == 500
    assert record.exc_info[0] is Broken
    assert f"/api/v1/threads/{thread.pk}/" in record.getMessage()
    assert len(heard) == 1
    assert served_500s("api:thread_detail") == before + 1


def test_a_write_answers_json_too(api_as, member, thread, monkeypatch, client):
    monkeypatch.setattr(transitions, "comment_create", fail)
    client.raise_request_exception = False
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", {"body": "Hello"})
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"


def test_the_test_client_still_raises_it_as_for_any_view(api, thread, monkeypatch):
    monkeypatch.setattr(threads, "thread_out", fail)
    with pytest.raises(Broken):
        api.get(f"/threads/{thread.pk}/")
