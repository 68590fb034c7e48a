"""The client's address, found one way (forum.platform.client_address) for /metrics, live
streams and the embed's rate limit."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from forum.models import Thread
from forum.platform.client_address import client_address

HOST = "https://news.example"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "192.0.2.9"),  # no proxy: the peer is the client
        (0, "203.0.113.5", None),  # forwarded by a proxy we don't trust: unknown
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the hop our proxy added
        (2, "198.51.100.1, 203.0.113.5", "198.51.100.1"),
        (2, "203.0.113.5", None),  # fewer hops than trusted proxies: unknown
        (1, None, None),
    ],
)
def test_the_client_address(settings, proxies, forwarded, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9", headers=headers)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_the_embed_counts_new_threads_by_the_same_address(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = [HOST]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.EMBED_THREAD_RATE_PER_HOUR = 1

    def first_load(key, address):
        params = {"key": key, "url": f"{HOST}/{key}"}
        headers = {"Referer": f"{HOST}/{key}", "X-Forwarded-For": address}
        return client.get(reverse("embed:thread"), params, headers=headers).status_code

    assert first_load("a", "203.0.113.5") == 200
    assert first_load("b", "203.0.113.5") == 404  # that address's one new thread is used
    assert first_load("c", "203.0.113.6") == 200  # another visitor behind the same proxy
    assert set(Thread.objects.values_list("key", flat=True)) == {"a", "c"}
