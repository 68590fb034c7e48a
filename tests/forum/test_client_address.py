"""The client's address, found one way (forum.platform.client_address) for /metrics, live
streams, the rate limits and the embed's rate limit."""

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import RequestFactory
from django.urls import reverse

from forum.live import views as live_views
from forum.models import Thread
from forum.platform.client_address import client_address, rate_key
from tests.helpers import run

HOST = "https://news.example"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "192.0.2.9"),  # no proxy: the peer is the client
        (0, "203.0.113.5", "192.0.2.9"),  # anyone can write the header: the peer still
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the hop our proxy added
        (2, "198.51.100.1, 203.0.113.5", "198.51.100.1"),
        (2, "203.0.113.5", "203.0.113.5"),  # fewer hops than proxies: the farthest one
        (1, None, "192.0.2.9"),  # straight to us, past the proxy: the peer
        (1, "not-an-address", "192.0.2.9"),
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


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one client holds a whole /64
        ("::ffff:203.0.113.5", "203.0.113.5"),
        (None, None),
    ],
)
def test_limits_count_an_ipv6_client_by_its_network(address, key):
    assert rate_key(address) == key


@pytest.mark.django_db(transaction=True)
def test_the_live_stream_cap_holds_with_a_forged_forwarded_for(async_client, thread, settings):
    settings.LIVE_MAX_STREAMS_PER_ADDRESS = 1
    # The one stream this address may hold, already open (the test client is 127.0.0.1).
    stream = live_views.hub.open("thread:0", "127.0.0.1", max_streams=10, max_per_address=1)
    url = reverse("live:thread_events", args=[thread.pk])
    try:
        for n in range(5):
            forged = {"X-Forwarded-For": f"203.0.113.{n}"}
            response = run(async_client.get(url, headers=forged))
            assert response.status_code == 429
    finally:
        live_views.hub.close(stream)
        run(sync_to_async(connections.close_all)())
