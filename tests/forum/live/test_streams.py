"""The event streams: who may open them, what each sends, replay, and a LISTEN that drops."""

import asyncio
import json

import psycopg
import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import AsyncClient
from django.urls import reverse

from forum.comments import decisions, transitions
from forum.discussion import services
from forum.live import listener
from forum.models import Comment, LiveEvent
from tests.factories import CommentFactory, ModeratorFactory, ThreadFactory, UserFactory
from tests.helpers import run

WAIT = 10  # seconds an expected event may take on a busy machine (a bound, not a measure)


def desk_url():
    return reverse("live:desk_events")


def thread_url(thread):
    return reverse("live:thread_events", args=[thread.pk])


class Events:
    """Read Server-Sent Events from a streaming response."""

    def __init__(self, response):
        self.response = response
        self.chunks = aiter(response.streaming_content)
        self.buffer = ""

    async def next(self, timeout=WAIT):
        """Return the next event as (name, payload), skipping comments and `retry:`."""
        while True:
            if "\n\n" in self.buffer:
                block, self.buffer = self.buffer.split("\n\n", 1)
                lines = [line for line in block.split("\n") if line and not line.startswith(":")]
                data = [line[6:] for line in lines if line.startswith("data: ")]
                if data:
                    name = next((ln[7:] for ln in lines if ln.startswith("event: ")), "message")
                    return name, json.loads(data[0])
                continue
            chunk = await asyncio.wait_for(anext(self.chunks), timeout)
            self.buffer += chunk.decode() if isinstance(chunk, bytes) else chunk

    async def close(self):
        await self.chunks.aclose()


async def open_stream(url, user=None, **headers):
    client = AsyncClient()
    if user is not None:
        await client.aforce_login(user)
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache, no-transform"
    return Events(response)


async def stop_listener():
    await listener.stop()


def in_thread(function):
    """Run a service from async code, giving its database connection back afterwards."""

    def call(**kwargs):
        try:
            return function(**kwargs)
        finally:
            connections.close_all()

    return sync_to_async(call)


@pytest.mark.django_db
def test_the_desk_stream_refuses_visitors_and_members(client, member):
    assert client.get(desk_url()).status_code == 403
    client.force_login(member)
    assert client.get(desk_url()).status_code == 403


@pytest.mark.django_db
def test_a_thread_that_is_not_public_has_no_stream(client):
    draft = ThreadFactory(visible_from=None)
    assert client.get(thread_url(draft)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_readers_get_published_comments_and_never_held_ones(thread, settings):
    author, newcomer, voter, moderator = (
        UserFactory(),
        UserFactory(),
        UserFactory(),
        ModeratorFactory(),
    )

    async def scenario():
        reader = await open_stream(thread_url(thread))
        desk = await open_stream(desk_url(), moderator)
        try:
            # At once: committed before the listener's LISTEN is in place, still delivered.
            comment = await in_thread(transitions.comment_create)(
                author=author, thread=thread, body="Seen by all"
            )
            name, payload = await reader.next()
            assert name == "message"
            assert (payload["kind"], payload["comment"]) == ("published", comment.pk)

            settings.PREMODERATE_FIRST_COMMENTS = 5
            held = await in_thread(transitions.comment_create)(
                author=newcomer, thread=thread, body="Held for a moderator"
            )
            assert held.status == Comment.Status.PENDING
            _, payload = await desk.next()
            assert (payload["kind"], payload["comment"]) == ("held", held.pk)
            # Events reach a stream in order: the next one the reader gets is the vote cast
            # after the held comment, so the held comment was not sent to it.
            await in_thread(services.vote_toggle)(comment=comment, voter=voter)
            _, payload = await reader.next()
            assert (payload["kind"], payload["comment"]) == ("voted", comment.pk)
        finally:
            await reader.close()
            await desk.close()
            await stop_listener()

    run(scenario())


@pytest.mark.django_db(transaction=True)
def test_a_moderator_opens_the_desk_stream_and_sees_decisions(thread):
    held = CommentFactory(thread=thread, status=Comment.Status.PENDING)
    moderator, other = ModeratorFactory(), ModeratorFactory()

    async def scenario():
        desk = await open_stream(desk_url(), moderator)
        try:
            await in_thread(decisions.comment_approve)(comment=held, moderator=other)
            _, payload = await desk.next()
            assert payload["kind"] == "decided"
            assert payload["by"] == other.public_name
            assert payload["status"] == "published"
        finally:
            await desk.close()
            await stop_listener()

    run(scenario())


@pytest.mark.django_db(transaction=True)
def test_a_reconnecting_reader_gets_what_it_missed(thread, settings):
    first = CommentFactory(thread=thread)
    services.vote_toggle(comment=first, voter=UserFactory())
    seen = LiveEvent.objects.get().pk
    transitions.comment_create(author=UserFactory(), thread=thread, body="Posted while offline")
    transitions.comment_create(author=UserFactory(), thread=ThreadFactory(), body="Another thread")
    voter = UserFactory()

    async def scenario():
        reader = await open_stream(thread_url(thread), **{"Last-Event-ID": str(seen)})
        try:
            _, payload = await reader.next()
            assert payload["kind"] == "published"
            assert payload["thread"] == thread.pk
            # What was missed comes first: the vote cast now is the next event, so nothing
            # else (the other thread's comment, the vote already seen) was replayed.
            await in_thread(services.vote_toggle)(comment=first, voter=voter)
            _, payload = await reader.next()
            assert (payload["kind"], payload["comment"]) == ("voted", first.pk)
        finally:
            await reader.close()
            await stop_listener()

    run(scenario())

    # Too much missed: the reader is told to reload rather than sent a partial list.
    settings.LIVE_REPLAY_MAX = 0

    async def too_much():
        reader = await open_stream(thread_url(thread), **{"Last-Event-ID": str(seen)})
        try:
            assert (await reader.next())[0] == "reload"
        finally:
            await reader.close()
            await stop_listener()

    run(too_much())


def _terminate_listener():
    conninfo = listener._conninfo()
    with psycopg.connect(conninfo, autocommit=True, application_name="test") as conn:
        cursor = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'forum-live'"
        )
        return len(cursor.fetchall())


@pytest.mark.requires_postgres("it cuts the LISTEN connection")
@pytest.mark.django_db(transaction=True)
def test_events_resume_after_the_listen_connection_is_lost(thread, monkeypatch):
    monkeypatch.setattr(listener, "BACKOFF", (0.5,))
    author = UserFactory()
    post = in_thread(transitions.comment_create)

    async def scenario():
        reader = await open_stream(thread_url(thread))
        try:
            before = await post(author=author, thread=thread, body="Before")
            assert (await reader.next())[1]["comment"] == before.pk
            connections_before = listener.state["connections"]

            assert await sync_to_async(_terminate_listener)() == 1
            # Posted while the listener is reconnecting: read back from the table.
            during = await post(author=author, thread=thread, body="During")
            assert (await reader.next())[1]["comment"] == during.pk
            assert listener.state["connections"] == connections_before + 1

            after = await post(author=author, thread=thread, body="After")
            assert (await reader.next())[1]["comment"] == after.pk
        finally:
            await reader.close()
            await stop_listener()

    run(scenario())


@pytest.mark.django_db(transaction=True)
def test_too_many_streams_are_refused_with_a_time_to_come_back(async_client, thread, settings):
    settings.LIVE_MAX_STREAMS_PER_ADDRESS = 0
    refused = run(async_client.get(thread_url(thread)))
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.LIVE_RETRY_SECONDS)
    settings.LIVE_MAX_STREAMS_PER_ADDRESS, settings.LIVE_MAX_STREAMS = 10, 0
    assert run(async_client.get(thread_url(thread))).status_code == 503
    run(sync_to_async(connections.close_all)())  # the thread the view's queries used


@pytest.mark.django_db
def test_a_wsgi_server_tells_the_browser_to_stop_asking(client, thread):
    # A sync worker would be held by the stream for good; 204 ends EventSource's retries.
    assert client.get(thread_url(thread)).status_code == 204
