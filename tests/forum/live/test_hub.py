"""The hub fans each event out to the streams of its channel, within its limits."""

import pytest

from forum.live.hub import RELOAD, StreamLimit


def open_stream(hub, channel, address="10.0.0.1", *, max_streams=100, max_per_address=100):
    return hub.open(channel, address, max_streams=max_streams, max_per_address=max_per_address)


def drain(stream):
    found = []
    while not stream.queue.empty():
        found.append(stream.queue.get_nowait())
    return found


def test_an_event_reaches_every_stream_of_its_thread_and_no_other(fresh_hub):
    readers = [open_stream(fresh_hub, "thread:1") for _ in range(3)]
    elsewhere = open_stream(fresh_hub, "thread:2")
    desk = open_stream(fresh_hub, "desk")
    event = {"id": 7, "thread": 1, "comment": 70, "kind": "published"}
    assert fresh_hub.dispatch(event) == 3
    assert [drain(stream) for stream in readers] == [[event]] * 3
    assert drain(elsewhere) == drain(desk) == []


def test_desk_events_never_reach_readers(fresh_hub):
    reader = open_stream(fresh_hub, "thread:1")
    desk = open_stream(fresh_hub, "desk")
    # Distinct ids: the hub sends an id once (hash(kind) % 1000 collided now and then).
    for number, kind in enumerate(("held", "reported", "decided"), start=1):
        fresh_hub.dispatch({"id": number, "thread": 1, "comment": 9, "kind": kind})
    assert drain(reader) == []
    assert [e["kind"] for e in drain(desk)] == ["held", "reported", "decided"]


def test_an_event_seen_twice_is_sent_once(fresh_hub):
    reader = open_stream(fresh_hub, "thread:1")
    event = {"id": 3, "thread": 1, "comment": 1, "kind": "voted", "score": 2}
    fresh_hub.dispatch(event)
    fresh_hub.dispatch(dict(event))
    assert drain(reader) == [event]


def test_a_stream_that_falls_behind_is_told_to_reload(fresh_hub):
    reader = open_stream(fresh_hub, "thread:1")
    for pk in range(1, 400):
        fresh_hub.dispatch({"id": pk, "thread": 1, "comment": pk, "kind": "published"})
    assert RELOAD in drain(reader)


def test_limits_per_worker_and_per_address(fresh_hub):
    open_stream(fresh_hub, "thread:1", "10.0.0.1", max_streams=3, max_per_address=2)
    open_stream(fresh_hub, "thread:1", "10.0.0.1", max_streams=3, max_per_address=2)
    with pytest.raises(StreamLimit) as too_many_here:
        open_stream(fresh_hub, "thread:1", "10.0.0.1", max_streams=3, max_per_address=2)
    assert too_many_here.value.status == 429
    open_stream(fresh_hub, "thread:1", "10.0.0.2", max_streams=3, max_per_address=2)
    with pytest.raises(StreamLimit) as full:
        open_stream(fresh_hub, "desk", "10.0.0.3", max_streams=3, max_per_address=2)
    assert full.value.status == 503


def test_closing_a_stream_frees_its_place(fresh_hub):
    stream = open_stream(fresh_hub, "thread:1", max_streams=1)
    fresh_hub.close(stream)
    fresh_hub.close(stream)  # twice is harmless
    assert fresh_hub.count == 0 and not fresh_hub.per_address
    open_stream(fresh_hub, "thread:1", max_streams=1)
