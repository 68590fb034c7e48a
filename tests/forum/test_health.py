"""/healthz stays the cheap liveness check; /readyz checks every dependency."""

import json
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError

from forum.platform import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_answers_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_names_the_database_when_it_is_down(client):
    with mock.patch(
        "forum.platform.health._database_answers",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unavailable", "cache": "ok"}


def test_readyz_names_the_cache_when_it_is_down(client):
    with mock.patch(
        "forum.platform.health.cache.set", side_effect=ConnectionError("redis is away")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


def test_readyz_checks_the_replica_only_when_one_is_configured(rf):
    asked = []

    def answers(alias):
        asked.append(alias)
        if alias == "replica":
            raise OperationalError("replica is away")

    with (
        mock.patch.dict(django_settings.DATABASES, {"replica": {}}),
        mock.patch("forum.platform.health._database_answers", side_effect=answers),
    ):
        response = health.readyz(rf.get("/readyz"))
    assert asked == ["default", "replica"]
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": "ok",
        "replica": "unavailable",
        "cache": "ok",
    }
