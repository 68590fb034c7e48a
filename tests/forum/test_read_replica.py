"""The read replica: safe requests read from it; writes and what follows use the primary."""

from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connections, router, transaction
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.models import Comment
from forum.platform.db_router import (
    PRIMARY,
    RECENT_WRITE_COOKIE,
    REPLICA,
    ReadReplicaMiddleware,
    primary_reads,
)
from tests.factories import UserFactory


@pytest.fixture
def replica_setting():
    """Declare a replica in the settings only (the router's view; no connection is made)."""
    with mock.patch.dict(django_settings.DATABASES, {REPLICA: {}}):
        yield


def _serve(request, *, writes=False, user=None):
    """Run `request` through the middleware; return (response, where the view read from)."""
    seen = {}

    def view(request):
        request.user = user or AnonymousUser()
        seen["read"] = router.db_for_read(Comment)
        seen["session"] = router.db_for_read(Session)
        if writes:
            router.db_for_write(Comment)
        return HttpResponse("ok")

    response = ReadReplicaMiddleware(view)(request)
    return response, seen


def _with_cookie(rf, response):
    request = rf.get("/")
    request.COOKIES[RECENT_WRITE_COOKIE] = response.cookies[RECENT_WRITE_COOKIE].value
    return request


class TestRouting:
    def test_without_a_replica_everything_uses_the_primary(self, rf):
        response, seen = _serve(rf.get("/"))
        assert seen["read"] == PRIMARY
        assert not response.cookies
        response, seen = _serve(rf.post("/"), writes=True)
        assert seen["read"] == PRIMARY
        assert not response.cookies  # as before: no new cookie without a replica

    def test_an_anonymous_get_reads_from_the_replica_and_sets_no_cookie(self, rf, replica_setting):
        response, seen = _serve(rf.get("/"))
        assert seen["read"] == REPLICA
        assert not response.cookies  # cached pages must stay cookie-free
        assert _serve(rf.head("/"))[1]["read"] == REPLICA

    def test_sessions_always_come_from_the_primary(self, rf, replica_setting):
        assert _serve(rf.get("/"))[1]["session"] == PRIMARY

    def test_a_post_reads_from_the_primary_and_marks_the_browser(self, rf, replica_setting):
        response, seen = _serve(rf.post("/"), writes=True)
        assert seen["read"] == PRIMARY
        cookie = response.cookies[RECENT_WRITE_COOKIE]
        assert cookie["max-age"] == django_settings.READ_YOUR_WRITES_SECONDS
        assert cookie["httponly"] and cookie["samesite"] == "Lax"

    def test_reads_after_a_write_come_from_the_primary(self, rf, replica_setting):
        posted, _ = _serve(rf.post("/"), writes=True)
        _, seen = _serve(_with_cookie(rf, posted))
        assert seen["read"] == PRIMARY

    def test_the_marker_expires(self, rf, replica_setting, settings):
        posted, _ = _serve(rf.post("/"), writes=True)
        request = _with_cookie(rf, posted)
        settings.READ_YOUR_WRITES_SECONDS = 5
        with mock.patch("django.core.signing.time.time", return_value=10**10):
            _, seen = _serve(request)
        assert seen["read"] == REPLICA

    def test_a_forged_marker_is_ignored(self, rf, replica_setting):
        request = rf.get("/")
        request.COOKIES[RECENT_WRITE_COOKIE] = "1"
        assert _serve(request)[1]["read"] == REPLICA

    def test_a_member_get_that_wrote_marks_the_browser(self, rf, replica_setting):
        member = UserFactory.build()
        response, _ = _serve(rf.get("/"), writes=True, user=member)
        assert RECENT_WRITE_COOKIE in response.cookies

    def test_an_anonymous_get_that_wrote_sets_no_cookie(self, rf, replica_setting):
        response, _ = _serve(rf.get("/"), writes=True)
        assert not response.cookies

    def test_outside_a_request_everything_uses_the_primary(self, replica_setting):
        # Management commands and the task worker.
        assert router.db_for_read(Comment) == PRIMARY
        assert router.db_for_write(Comment) == PRIMARY

    def test_primary_reads_block(self, rf, replica_setting):
        seen = {}

        def view(request):
            with primary_reads():
                seen["inside"] = router.db_for_read(Comment)
            seen["after"] = router.db_for_read(Comment)
            return HttpResponse()

        ReadReplicaMiddleware(view)(rf.get("/"))
        assert seen == {"inside": PRIMARY, "after": REPLICA}

    def test_the_replica_is_never_migrated(self):
        assert router.allow_migrate(REPLICA, "forum") is False
        assert router.allow_migrate(PRIMARY, "forum") is True


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_use_the_primary(rf, replica_setting):
    def view(request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(Comment))

    assert ReadReplicaMiddleware(view)(rf.get("/")).content.decode() == PRIMARY


@pytest.fixture
def replica_connection():
    """Add a real "replica" connection to the test database (a mirror: data must commit).

    It is made here, not in the settings, so the rest of the suite keeps one database.
    """
    primary = connections[PRIMARY].settings_dict
    replica = {**primary, "OPTIONS": {}, "TEST": {**primary["TEST"], "MIRROR": PRIMARY}}
    wrapper = load_backend(replica["ENGINE"]).DatabaseWrapper(replica, alias=REPLICA)
    setattr(connections._connections, REPLICA, wrapper)
    # Not in settings.DATABASES: Django's connections share that dict, and its test case
    # refuses queries to a configured alias the test did not declare at its start.
    with mock.patch("forum.platform.db_router.replica_configured", return_value=True):
        yield wrapper
    wrapper.close()
    delattr(connections._connections, REPLICA)


@pytest.mark.django_db(transaction=True)
class TestThroughTheSite:
    def test_anonymous_search_reads_from_the_replica(self, client, replica_connection, article):
        with (
            CaptureQueriesContext(replica_connection) as on_replica,
            CaptureQueriesContext(connections[PRIMARY]) as on_primary,
        ):
            response = client.get(reverse("articles:search"), {"q": "deterrence"})
        assert response.status_code == 200
        assert len(on_replica) > 0
        assert len(on_primary) == 0
        assert RECENT_WRITE_COOKIE not in response.cookies

    def test_a_member_reads_their_own_comment_from_the_primary(
        self, client, replica_connection, member, article, settings
    ):
        settings.PREMODERATE_FIRST_COMMENTS = 0
        client.force_login(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        with CaptureQueriesContext(replica_connection) as on_replica:
            posted = client.post(url, {"body": "Read your writes.", "idempotency_key": "k1"})
        assert posted.status_code == 302
        assert len(on_replica) == 0
        assert RECENT_WRITE_COOKIE in posted.cookies
        with (
            CaptureQueriesContext(replica_connection) as on_replica,
            CaptureQueriesContext(connections[PRIMARY]) as on_primary,
        ):
            page = client.get(article.get_absolute_url())
        assert "Read your writes." in page.content.decode()
        assert len(on_replica) == 0 and len(on_primary) > 0

    def test_a_page_stored_in_the_shared_cache_is_rendered_from_the_primary(
        self, client, replica_connection, article
    ):
        with CaptureQueriesContext(replica_connection) as on_replica:
            assert client.get(article.get_absolute_url()).status_code == 200
        assert len(on_replica) == 0
