"""The open streams of one worker process, and the fan-out of events to them.

One Hub per process (`hub`), used only from the event loop. Each open stream has a
bounded queue; an event goes to the streams of its thread, or of the desk. A stream too
slow to keep up is told to reload instead of growing without bound.
"""

import asyncio
from collections import defaultdict, deque

from forum.models import LiveEvent

QUEUE_SIZE = 200
RELOAD = {"kind": "reload"}
CLOSE = {"kind": "close"}


class StreamLimit(Exception):
    """Too many streams are open (in this worker, or from this address)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def channel_of(payload):
    """Return the channel an event goes to: "desk" or "thread:<id>"."""
    if payload["kind"] in LiveEvent.DESK_KINDS:
        return "desk"
    return f"thread:{payload['thread']}"


class Stream:
    def __init__(self, channel, address):
        self.channel = channel
        self.address = address
        self.queue = asyncio.Queue(QUEUE_SIZE)
        # The newest event this worker had seen when the stream opened: older ones that a
        # catch-up read sends again are not news to it (a replay gave it what it missed).
        self.since = 0

    def put(self, payload):
        try:
            self.queue.put_nowait(payload)
        except asyncio.QueueFull:
            # Dropped events would leave the page wrong without saying so: ask for a reload.
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(RELOAD)


class Hub:
    def __init__(self):
        self.channels = defaultdict(set)
        self.per_address = defaultdict(int)
        self.count = 0
        # Ids already fanned out: NOTIFY and a catch-up read after a reconnect may overlap.
        self.seen = set()
        self._seen_order = deque()
        self.last_id = None

    def open(self, channel, address, *, max_streams, max_per_address):
        """Register a stream; raise StreamLimit(503) or StreamLimit(429) when full."""
        if self.count >= max_streams:
            raise StreamLimit(503)
        if address and self.per_address[address] >= max_per_address:
            raise StreamLimit(429)
        stream = Stream(channel, address)
        self.channels[channel].add(stream)
        self.per_address[address] += 1
        self.count += 1
        return stream

    def close(self, stream):
        streams = self.channels.get(stream.channel)
        if streams is None or stream not in streams:
            return
        streams.discard(stream)
        if not streams:
            del self.channels[stream.channel]
        self.per_address[stream.address] -= 1
        if self.per_address[stream.address] <= 0:
            del self.per_address[stream.address]
        self.count -= 1

    def dispatch(self, payload):
        """Give an event to every stream of its channel, once; return how many got it."""
        event_id = payload.get("id")
        if event_id is not None:
            if event_id in self.seen:
                return 0
            self.seen.add(event_id)
            self._seen_order.append(event_id)
            if len(self._seen_order) > 10_000:
                self.seen.discard(self._seen_order.popleft())
            self.last_id = max(self.last_id or 0, event_id)
        sent = 0
        for stream in list(self.channels.get(channel_of(payload), ())):
            if event_id is None or event_id > stream.since:
                stream.put(payload)
                sent += 1
        return sent

    def close_all(self):
        """End every open stream (the worker is shutting down)."""
        for streams in list(self.channels.values()):
            for stream in list(streams):
                stream.put(CLOSE)


hub = Hub()
