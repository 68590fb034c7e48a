"""One listener per worker process: PostgreSQL LISTEN (or polling on SQLite) feeding the hub.

Started by the first stream that opens. On PostgreSQL it holds one psycopg async
connection in LISTEN; if that connection drops (a database restart) it reconnects with
backoff and reads the events it missed from the table, so open streams simply resume.
"""

import asyncio
import json
import logging
import signal
import threading

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections

from forum.live.events import CHANNEL
from forum.live.hub import hub
from forum.models import LiveEvent

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
# How long LISTEN waits for a notification before it checks the connection is alive.
IDLE_CHECK_SECONDS = 15
CATCH_UP_LIMIT = 1000
BACKOFF = (0.2, 0.5, 1, 2, 5)

_task = None
state = {"connected": False, "connections": 0}


def ensure_started():
    """Start this process's listener on the running event loop unless it runs already."""
    global _task
    loop = asyncio.get_running_loop()
    if _task is not None and not _task.done() and _task.get_loop() is loop:
        return _task
    _task = loop.create_task(run(), name="forum-live-listener")
    _end_streams_on_sigterm(loop)
    return _task


def _end_streams_on_sigterm(loop):
    """Close every open stream when the server is told to stop, then let it stop.

    The server (uvicorn, under gunicorn or alone) waits for open connections before it
    exits; streams never end by themselves, so its own SIGTERM handler is chained after
    ours. Left alone when no server installed one (tests, management commands).
    """
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if not callable(previous) or getattr(previous, "ends_live_streams", False):
        return

    def handle(signum, frame):
        loop.call_soon_threadsafe(hub.close_all)
        previous(signum, frame)

    handle.ends_live_streams = True
    signal.signal(signal.SIGTERM, handle)


async def stop():
    """Stop the listener (tests, shutdown)."""
    global _task
    if _task is not None and not _task.done():
        _task.cancel()
        try:
            await _task
        except asyncio.CancelledError:
            pass
    _task = None
    state["connected"] = False


def _conninfo():
    """Return where LISTEN connects: LIVE_DATABASE_URL, else the default database.

    LISTEN needs a session of its own: through a transaction pooler (PgBouncer) it would
    stop hearing as soon as its statement's transaction ended on a shared server connection.
    """
    if settings.LIVE_DATABASE_URL:
        return psycopg.conninfo.make_conninfo(
            settings.LIVE_DATABASE_URL, application_name="forum-live"
        )
    database = connections["default"].settings_dict
    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "application_name": "forum-live",
    }
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v})


async def run():
    """Feed the hub until cancelled."""
    if connections["default"].vendor == "postgresql":
        await _listen()
    else:
        await _poll()


def _rows_after(last_id, limit=CATCH_UP_LIMIT):
    try:
        events = LiveEvent.objects.order_by("pk")
        if last_id is None:
            last = events.last()
            return [last.payload()] if last else []
        return [event.payload() for event in events.filter(pk__gt=last_id)[:limit]]
    finally:
        close_old_connections()


async def _poll():
    last_id = hub.last_id
    while True:
        try:
            rows = await sync_to_async(_rows_after, thread_sensitive=False)(last_id)
        except Exception:  # noqa: BLE001 (the database is away: try again at the next tick)
            logger.warning("live: polling the events failed", exc_info=True)
            rows = []
        for payload in rows:
            if last_id is not None:
                hub.dispatch(payload)
            last_id = payload["id"]
        if last_id is None:
            last_id = 0
        state["connected"] = True
        await asyncio.sleep(POLL_SECONDS)


_CATCH_UP_SQL = (
    "SELECT id, thread_id, comment_id, kind, data FROM forum_liveevent "
    "WHERE id > %s ORDER BY id LIMIT %s"
)


async def _catch_up(conn, since):
    # Commits are not in id order: read a little before the last id; hub.seen drops repeats.
    cursor = await conn.execute(_CATCH_UP_SQL, [max(since - 100, 0), CATCH_UP_LIMIT])
    for event_id, thread_id, comment_id, kind, data in await cursor.fetchall():
        hub.dispatch(
            {"id": event_id, "thread": thread_id, "comment": comment_id, "kind": kind, **data}
        )


async def _listen():
    attempt = 0
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                _conninfo(), autocommit=True, connect_timeout=5
            ) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                state["connected"] = True
                state["connections"] += 1
                attempt = 0
                if hub.last_id is None:
                    cursor = await conn.execute("SELECT coalesce(max(id), 0) FROM forum_liveevent")
                    hub.last_id = (await cursor.fetchone())[0]
                # What committed since the first stream opened, or while LISTEN was down.
                await _catch_up(conn, hub.last_id)
                logger.info("live: listening on %s", CHANNEL)
                while True:
                    async for notify in conn.notifies(timeout=IDLE_CHECK_SECONDS):
                        hub.dispatch(json.loads(notify.payload))
                    # Quiet for a while: a dead connection shows up here, not in notifies().
                    await conn.execute("SELECT 1")
        except Exception as error:  # noqa: BLE001 (a lost connection, or anything else: go on)
            state["connected"] = False
            delay = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            attempt += 1
            logger.warning("live: LISTEN connection lost (%s); retrying in %ss", error, delay)
            await asyncio.sleep(delay)
