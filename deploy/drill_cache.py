"""The micro-cache and live updates through nginx, checked once on a quiet stack.

    python deploy/drill_cache.py [--state deploy/run/8470/state.json]

The drill runs it after signing its members in and before the load; run alone it checks a
running `make stack`. A member posts a comment, and:

- an anonymous reader polling the comment's page through nginx sees it within
  VISIBLE_WITHIN seconds (a bounded poll: the bound is the requirement, nothing is timed
  for speed; nginx keeps anonymous pages 1 s, the app's own page cache is invalidated by
  the post);
- an anonymous live stream (Server-Sent Events through nginx, LISTEN straight to the
  primary past PgBouncer) receives the new comment's event;
- the member's own requests are never answered from the micro-cache (X-Cache-Status
  BYPASS on every one, and the page is the member's: it carries the comment form),
  even for a page anonymous readers have just put in the cache.
"""

import argparse
import http.client
import json
import os
import sys
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from drill_load import CSRF_RE, IDEMPOTENCY_RE, Client, sign_in  # noqa: E402

VISIBLE_WITHIN = 2.0
STREAM_WAIT = 15.0  # a bound on a busy machine, not a measure
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


def _stream(host, port, path, opened, events, stop):
    """Read one Server-Sent Events stream, putting each `data:` payload into `events`."""
    conn = http.client.HTTPConnection(host, port, timeout=STREAM_WAIT)
    try:
        conn.request("GET", path, headers={"Accept": "text/event-stream"})
        response = conn.getresponse()
        if response.status != 200:
            events.append({"error": response.status})
            return
        while not stop.is_set():
            line = response.fp.readline()
            if not line:
                return
            if line.startswith(b": open"):
                opened.set()
            elif line.startswith(b"data:"):
                events.append(json.loads(line[5:]))
    except (OSError, http.client.HTTPException, ValueError) as error:
        events.append({"error": type(error).__name__})
    finally:
        opened.set()
        conn.close()


def _post(member, thread, csrf, key, marker):
    """Post a top-level comment; return (its id, the page it is on without `comment=`) or None."""
    form = {
        "csrfmiddlewaretoken": unescape(csrf.group(1)),
        "body": f"Cache check {marker}: visible to readers through nginx within seconds.",
        "homepage": "",
    }
    if key:
        form["idempotency_key"] = unescape(key.group(1) or key.group(2))
    status, headers, _ = member.request("POST", f"/threads/{thread['id']}/comments/", body=form)
    location = headers.get("Location", "") if headers else ""
    if status != 302 or "#comment-" not in location:
        return None
    target = urlsplit(location.split("#", 1)[0])
    query = urlencode([(k, v) for k, v in parse_qsl(target.query) if k != "comment"])
    return int(location.rsplit("#comment-", 1)[1]), target.path + (f"?{query}" if query else "")


def check_cache_and_live(url, member, thread, label):
    """Post as `member` (a signed-in Client) into `thread` ({id, url}); return what was seen."""
    parts = urlsplit(url)
    reader = Client(parts.hostname, parts.port)
    result = {"member_statuses": [], "reader_statuses": []}
    # Readers first: the page is in the micro-cache when the member asks for it.
    for _ in range(3):
        _, headers, _ = reader.request("GET", thread["url"])
        result["reader_statuses"].append(headers.get("X-Cache-Status") if headers else None)
    page = ""
    for _ in range(3):
        status, headers, page = member.request("GET", thread["url"])
        result["member_statuses"].append(headers.get("X-Cache-Status") if headers else None)
    csrf, key = CSRF_RE.search(page), IDEMPOTENCY_RE.search(page)
    result["member_page_is_personal"] = bool(csrf)
    result["member_never_cached"] = bool(csrf) and not FROM_CACHE & set(result["member_statuses"])
    if not csrf:
        return {**result, "posted": False, "visible": False, "live": False}

    opened, events, stop = threading.Event(), [], threading.Event()
    streamer = threading.Thread(
        target=_stream,
        args=(parts.hostname, parts.port, f"/threads/{thread['id']}/events/", opened, events, stop),
        daemon=True,
    )
    streamer.start()
    opened.wait(STREAM_WAIT)
    # A first comment shows which page of the thread new comments land on (the last, in
    # the default order); readers put that page in the micro-cache, then the second comment,
    # the one checked, lands on it.
    first = _post(member, thread, csrf, key, f"{label}-{os.urandom(4).hex()}")
    result["posted"] = first is not None
    if first is None:
        stop.set()
        return {**result, "visible": False, "live": False}
    page_path = first[1]
    for _ in range(2):
        _, headers, _ = reader.request("GET", page_path)
        result["reader_statuses"].append(headers.get("X-Cache-Status") if headers else None)
    status, headers, page = member.request("GET", thread["url"])
    csrf, key = CSRF_RE.search(page), IDEMPOTENCY_RE.search(page)
    marker = f"{label}-{os.urandom(4).hex()}"
    second = _post(member, thread, csrf, key, marker) if csrf else None
    result["posted"] = second is not None
    if second is None:
        stop.set()
        return {**result, "visible": False, "live": False}
    comment_id, second_page = second
    result["same_page"] = second_page == page_path

    # A bounded poll: the requirement is "within VISIBLE_WITHIN s", not how fast.
    posted_at = time.monotonic()
    seen, polls = [], 0
    while True:
        polls += 1
        _, headers, text = reader.request("GET", second_page)
        seen.append(headers.get("X-Cache-Status") if headers else None)
        if marker in text:
            result["visible"] = True
            break
        if time.monotonic() - posted_at >= VISIBLE_WITHIN:
            result["visible"] = False
            break
        time.sleep(0.1)
    result["visible_after_polls"] = polls
    result["reader_statuses_after_post"] = seen
    _, headers, _ = member.request("GET", second_page)
    result["member_statuses"].append(headers.get("X-Cache-Status") if headers else None)
    result["member_never_cached"] &= not FROM_CACHE & set(result["member_statuses"])

    deadline = time.monotonic() + STREAM_WAIT
    while time.monotonic() < deadline and not any(e.get("comment") == comment_id for e in events):
        time.sleep(0.05)
    result["live"] = any(e.get("comment") == comment_id for e in events)
    result["live_errors"] = [e["error"] for e in events if "error" in e]
    stop.set()
    reader.close()
    return result


def describe(result):
    """Return the check's lines for the drill's table."""
    return [
        (
            "micro-cache: member never served from it",
            f"{'yes' if result['member_never_cached'] else 'NO'} "
            f"(X-Cache-Status {', '.join(map(str, result['member_statuses']))}; "
            f"readers before: {', '.join(map(str, result['reader_statuses']))})",
        ),
        (
            f"  new comment seen anonymously ≤ {VISIBLE_WITHIN:.0f} s",
            f"{'yes' if result.get('visible') else 'NO'}"
            + (
                f" (at poll {result['visible_after_polls']}; X-Cache-Status "
                f"{', '.join(map(str, result['reader_statuses_after_post']))})"
                if "visible_after_polls" in result
                else " (the post was refused)"
            ),
        ),
        (
            "  live event through nginx (LISTEN past PgBouncer)",
            "yes" if result.get("live") else f"NO {result.get('live_errors', '')}",
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    port = os.environ.get("STACK_PORT", "8470")
    parser.add_argument("--state", default=f"deploy/run/{port}/state.json")
    args = parser.parse_args()
    state = json.loads(Path(args.state).read_text())
    import psycopg  # noqa: PLC0415 (the venv's psycopg, as drill_checks does)

    with psycopg.connect(state["database_url"]) as conn:
        thread_id, thread_url = conn.execute(
            "SELECT id, url FROM forum_thread WHERE state = 'open' AND NOT premoderate"
            " AND visible_from <= now() ORDER BY id LIMIT 1"
        ).fetchone()
    parts = urlsplit(state["url"])
    member = Client(parts.hostname, parts.port)
    sign_in(member, state["members"][-1], state["member_password"])
    result = check_cache_and_live(
        state["url"], member, {"id": thread_id, "url": thread_url}, "check"
    )
    width = 52
    for name, value in describe(result):
        print(f"{name.ljust(width)} {value}")
    ok = result["member_never_cached"] and result.get("visible") and result.get("live")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
