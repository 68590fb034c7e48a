"""How many NOTIFYs a second PostgreSQL commits and delivers, by number of listeners.

    .venv/bin/python -m bench.notify --database-url postgres://postgres@127.0.0.1:5432/postgres

Each sender commits one transaction a notification (`SELECT pg_notify(...)` in autocommit,
a payload the size of a live event's), as the forum does after each comment change; each
listener is one connection in LISTEN, as each app worker process holds one. For every
number of listeners it prints the notifications committed a second and whether every
listener received every one. A channel of its own: it disturbs no other listener.
"""

import argparse
import json
import os
import threading
import time

import psycopg

PAYLOAD = json.dumps(
    {"id": 123456, "thread": 4321, "comment": 987654, "kind": "comment.published", "score": 12},
    separators=(",", ":"),
)


def _listen(url, channel, ready, stop, counts, index):
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"LISTEN {channel}")
        ready.release()
        while not stop.is_set():
            for _ in conn.notifies(timeout=0.5):
                counts[index] += 1


def _send(url, channel, stop, sent, index):
    with psycopg.connect(url, autocommit=True) as conn:
        while not stop.is_set():
            conn.execute("SELECT pg_notify(%s, %s)", [channel, PAYLOAD])
            sent[index] += 1


def measure(url, listeners, senders, seconds):
    """Return (committed a second, least received by a listener, sent) for one setting."""
    channel = f"bench_notify_{os.urandom(3).hex()}"
    ready, stop, done = threading.Semaphore(0), threading.Event(), threading.Event()
    counts, sent = [0] * listeners, [0] * senders
    listening = [
        threading.Thread(target=_listen, args=(url, channel, ready, done, counts, i), daemon=True)
        for i in range(listeners)
    ]
    for thread in listening:
        thread.start()
    for _ in range(listeners):
        ready.acquire(timeout=30)
    sending = [
        threading.Thread(target=_send, args=(url, channel, stop, sent, i), daemon=True)
        for i in range(senders)
    ]
    started = time.monotonic()
    for thread in sending:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in sending:
        thread.join()
    elapsed = time.monotonic() - started
    total = sum(sent)
    deadline = time.monotonic() + 30  # a bound for the listeners to drain, not a measure
    while time.monotonic() < deadline and min(counts, default=total) < total:
        time.sleep(0.1)
    done.set()
    for thread in listening:
        thread.join(timeout=5)
    return total / elapsed, min(counts, default=total), total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--listeners", default="1,8,32,64")
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    print(f"{args.senders} senders, one commit a NOTIFY, {len(PAYLOAD)}-byte payload")
    print(f"| {'listeners':>9} | {'NOTIFY/s committed':>18} | {'deliveries/s':>12} | all received")
    print(f"|{'-' * 11}|{'-' * 20}|{'-' * 14}|-------------")
    for listeners in (int(n) for n in args.listeners.split(",")):
        rate, least, total = measure(args.database_url, listeners, args.senders, args.seconds)
        print(
            f"| {listeners:>9} | {rate:>18,.0f} | {rate * listeners:>12,.0f} | "
            f"{'yes' if least >= total else f'NO ({least:,} of {total:,})'}"
        )


if __name__ == "__main__":
    main()
