"""Lighthouse over every page type, mobile and desktop, on a production-like server.

    python -m bench.lighthouse [--pages home,article-busy] [--presets mobile] [--runs 3]

It seeds a fresh PostgreSQL database (the published articles, a quiet thread of 10
comments and a busy one of 1,000), collects the static files, serves the site with
gunicorn and production settings (DEBUG off, WhiteNoise, compressed cached pages), then
runs Lighthouse with Debian's Chromium on each page and preset. It prints one table and
the failing audits, writes bench/lighthouse.json, and exits 1 when a page misses:

- 100 in accessibility, best practices and SEO (pages kept out of search engines are
  exempt from SEO's "is crawlable" audit, each for the reason given in PAGES);
- 95 in performance on mobile, every page included, the busy article too.

Mobile performance is noisy on a shared machine: Lighthouse's simulated throttling scales
the CPU time it observes, so other jobs lower the score. A page whose first mobile run
misses 95 is run again until a run reaches 95, at most --runs runs (3), and judged on its
best run (why the best: mobile_runs). Every run's score is printed. At most pages x
(1 desktop + --runs mobile) Lighthouse runs: 15 x 4 = 60, about 20 minutes at worst on a
busy 2-core machine (a run takes 10-25 s); 30 when every page passes at once.

--performance-advisory prints the mobile performance misses without failing on them: for a
machine too loaded to measure on (its CPU index, printed, far below 1,000). CI never uses it.
"""

import argparse
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError

import psycopg

from bench import database
from bench.run import bench_env
from bench.server import ROOT, Gunicorn, free_port, get

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "lighthouse.json"
REPORTS = HERE / "lighthouse-reports"  # each page's full report (and each run's), for the details
LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{database.PREFIX}_lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REQUIRED = {"accessibility": 100, "best-practices": 100, "seo": 100}
MOBILE_PERFORMANCE = 95
PRESETS = ("mobile", "desktop")
NOT_INDEXED = "is-crawlable"
OWN_404 = "errors-in-console:own-404"  # the only console error is the 404 page's own status
# The desk's event stream refused for want of a cookie: Lighthouse signs in by --extra-headers,
# which Chrome does not add to an EventSource request, so the stream goes out anonymous and
# gets its 403. A moderator's browser sends its session cookie (tests/e2e/test_live.py opens
# the desk's stream). Checked in Chromium against this runner's server: the same session as
# an extra header, the stream answers 403; in the cookie jar, it answers as it should.
DESK_STREAM = "errors-in-console:desk-stream"

# name: (path, signed in as, why the page must not be indexed or None)
PAGES = {
    "home": ("/", None, None),
    "article-quiet": ("/articles/bench-10/", None, None),
    "article-busy": ("/articles/bench-1000/", None, None),
    "article-busy-ar": ("/articles/bench-1000/", None, None),  # in Arabic: LANGUAGE_OF
    "topic": ("/topics/north-korea/", None, None),
    "topics": ("/topics/", None, None),
    "search": ("/search/?q=summit", None, "search results are thin copies of pages: noindex"),
    "guidelines": ("/pages/community-guidelines/", None, None),
    "sign-in": ("/accounts/login/", None, "robots.txt keeps crawlers out of /accounts/"),
    "sign-up": ("/accounts/signup/", None, "robots.txt keeps crawlers out of /accounts/"),
    "settings": ("/accounts/settings/", "member", "a member's own page, under /accounts/"),
    "profile": ("/users/reader0/", None, "members' pages stay out of search engines: noindex"),
    "moderation-desk": ("/moderation/", "member", "moderators only: noindex and robots.txt"),
    "comment-share": ("/comments/{comment}/share/", None, None),
    "404": ("/no-such-page/", None, "an error page: answers 404, never indexed"),
}
# Pages read in another language, chosen as a reader does with the footer's menu (its
# cookie): {name: (language, the <html> tag the page must have)}. Right to left in Arabic.
LANGUAGE_OF = {"article-busy-ar": ("ar", '<html lang="ar" dir="rtl">')}


def cookie_for(name, session):
    """Return the Cookie header a page is read with: the member's session, the language."""
    cookies = [f"sessionid={session}"] if PAGES[name][1] else []
    if name in LANGUAGE_OF:
        cookies.append(f"django_language={LANGUAGE_OF[name][0]}")
    return "; ".join(cookies) or None


def prepare(env):
    """Build the database and the static files; return the seed's session and a comment id."""
    database.create(env["DATABASE_URL"])
    database.manage(env, "migrate", "--noinput", "-v0")
    database.manage(env, "load_content", "-v0")
    seeded = json.loads(database.manage(env, "bench_seed", "--threads=10,1000"))
    database.manage(env, "grant_moderator", seeded["member"])
    database.manage(env, "collectstatic", "--noinput", "-v0")
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        (comment,) = connection.execute(
            "SELECT c.id FROM forum_comment c JOIN articles_article a ON a.thread_id = c.thread_id"
            " WHERE a.slug = 'bench-10' AND c.status = 'published' ORDER BY c.id LIMIT 1"
        ).fetchone()
    return seeded["session"], comment


ATTEMPTS = 3


def lighthouse(url, preset, cookie):
    """Return Lighthouse's report (a dict) for one URL and preset."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
        "--disable-background-networking --disable-component-update --no-first-run",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--ignore-status-code",  # the 404 page is audited too
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # Lighthouse sometimes fails to record a trace on a busy machine (NO_NAVSTART,
    # NO_FCP): that says nothing about the page, so such a run is tried again.
    for attempt in range(1, ATTEMPTS + 1):
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)  # noqa: S603
        report = json.loads(done.stdout) if not done.returncode and done.stdout.strip() else None
        if report is not None and not report.get("runtimeError"):
            return report
        print(f"  lighthouse run {attempt} on {url} ({preset}) failed; trying again", flush=True)
    raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{done.stderr[-2000:]}")


def warm(url, cookie, html_tag=None):
    """Request the page once so that Lighthouse meets the page cache as a reader would,
    and check its <html> tag (its language and direction) when one is given."""
    try:
        _, body = get(url, headers={"Cookie": cookie} if cookie else None)
    except HTTPError as error:
        if error.code != 404:  # the 404 page answers 404
            raise
        return
    if html_tag and html_tag not in body.decode():
        raise RuntimeError(f"{url} with {cookie}: no {html_tag}")


def only_network_errors_for(report, url, *, query=False):
    """Return whether the console's only errors are network errors of requests for `url`
    (with any query string when `query`)."""
    audit = report["audits"]["errors-in-console"]
    items = (audit.get("details") or {}).get("items", [])
    return bool(items) and all(
        i["source"] == "network"
        and (i["sourceLocation"]["url"].split("?")[0] if query else i["sourceLocation"]["url"])
        == url
        for i in items
    )


def performance(report):
    """Return the report's performance score out of 100."""
    return round(report["categories"]["performance"]["score"] * 100)


def mobile_runs(url, cookie, runs):
    """Return the mobile reports of a page: runs until one reaches the bar, at most `runs`.

    Lighthouse's advice for a noisy host is several runs (docs/variability.md). We keep the
    best, not the median: other jobs on a shared machine only ever add CPU time, which the
    simulated mobile throttling multiplies, so a run can come out slower than the page but
    never faster, and the best run is the nearest to the page's own cost. Every run's score
    and CPU index is printed, so a page that passes once in three stays visible.
    """
    reports = [lighthouse(url, "mobile", cookie)]
    while performance(reports[-1]) < MOBILE_PERFORMANCE and len(reports) < runs:
        reports.append(lighthouse(url, "mobile", cookie))
    return reports


def best_run(reports):
    """Return the run with the best performance score (see mobile_runs)."""
    return max(reports, key=performance)


def performance_diagnosis(report, top=5):
    """Return the metrics and the diagnostics that cost the most, as short lines."""
    audits = report["audits"]
    metrics, diagnostics = [], []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = audits[ref["id"]]
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        value = audit.get("displayValue", "")
        if ref.get("weight", 0) > 0:
            metrics.append(f"{ref['id']} {value} (score {audit['score']:.2f})")
        elif ref.get("group") in ("diagnostics", "load-opportunities"):
            savings = sum((audit.get("metricSavings") or {}).values())
            diagnostics.append((savings, f"{ref['id']}{f' ({value})' if value else ''}"))
    diagnostics.sort(key=lambda item: -item[0])
    return metrics, [line for _, line in diagnostics[:top]]


def failing_audits(report, category):
    """Return the ids and titles of the category's audits that did not pass."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings") and (
            audit["score"] is not None and audit["score"] < 1 and ref.get("weight", 0) > 0
        ):
            value = audit.get("displayValue", "")
            failing.append(f"{ref['id']}{f' ({value})' if value else ''}")
    return failing


def allowed_audits(name):
    """Return {audit id: why it may fail} for the page."""
    allowed = {}
    if PAGES[name][2]:
        allowed[NOT_INDEXED] = f"SEO exempt: {PAGES[name][2]}"
    if name == "404":
        allowed["http-status-code"] = "SEO exempt: an error page answers 404"
        allowed[OWN_404] = "the browser logs the page's own 404 status as a console error"
    if name == "moderation-desk":
        allowed[DESK_STREAM] = "Chrome sends no --extra-headers cookie with an EventSource"
    return allowed


def judge(name, preset, scores, failing, *, advisory):
    """Return (problems that fail the run, notes that don't)."""
    problems, notes = [], []
    allowed = allowed_audits(name)
    for category, required in REQUIRED.items():
        if scores[category] >= required:
            continue
        others = [a for a in failing[category] if a.split(" ")[0] not in allowed]
        if others:
            problems.append(f"{category} {scores[category]} < {required}: {', '.join(others)}")
        else:
            notes += [allowed[a.split(" ")[0]] for a in failing[category]]
    if preset == "mobile" and scores["performance"] < MOBILE_PERFORMANCE:
        message = f"performance {scores['performance']} < {MOBILE_PERFORMANCE}"
        if advisory:
            notes.append(message + " (not checked: --performance-advisory)")
        else:
            problems.append(message)
    return problems, notes


def performance_cell(row):
    """Return the kept performance score, and every run's when there were several."""
    kept = row["scores"]["performance"]
    runs = row.get("runs", [])
    return f"{kept} (runs {', '.join(map(str, runs))})" if len(runs) > 1 else str(kept)


def table(results):
    lines = [
        "| page | preset | performance | accessibility | best practices | SEO | CPU index "
        "| verdict |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results:
        s = row["scores"]
        verdict = "FAIL" if row["problems"] else ("pass, see notes" if row["notes"] else "pass")
        lines.append(
            f"| {row['page']} | {row['preset']} | {performance_cell(row)} | {s['accessibility']} "
            f"| {s['best-practices']} | {s['seo']} | {row['benchmark_index']} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Lighthouse over every page type.")
    parser.add_argument(
        "--performance-advisory",
        action="store_true",
        help="print mobile performance misses without failing (an overloaded machine; not CI)",
    )
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--presets", default=",".join(PRESETS), help="mobile,desktop")
    parser.add_argument(
        "--runs", type=int, default=3, help="most mobile runs of a page below the bar (best kept)"
    )
    parser.add_argument("--port", type=int, default=8511, help="first port to try")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="name starts forum_bench")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    presets = [p for p in args.presets.split(",") if p]
    for missing in (LIGHTHOUSE, Path(CHROMIUM)):
        if not missing.exists():
            sys.exit(f"{missing} is missing: run `make lighthouse` (it installs tools/)")
    if not shutil.which("node"):
        sys.exit("node is missing")
    database.check_name(database.name_of(args.database_url))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    port = free_port(args.port)
    env = bench_env(args.database_url, port, "")
    server = Gunicorn(port=port, env=env, log_path=HERE / "gunicorn-lighthouse.log")
    REPORTS.mkdir(exist_ok=True)
    results = []
    began = time.monotonic()
    try:
        session, comment = prepare(env)
        server.start()
        for name in pages:
            path = PAGES[name][0]
            url = server.base + path.format(comment=comment)
            cookie = cookie_for(name, session)
            warm(url, cookie, LANGUAGE_OF.get(name, (None, None))[1])
            for preset in presets:
                if preset == "mobile":
                    runs = mobile_runs(url, cookie, args.runs)
                else:
                    runs = [lighthouse(url, preset, cookie)]
                report = best_run(runs)
                (REPORTS / f"{name}-{preset}.json").write_text(json.dumps(report))
                for stale in REPORTS.glob(f"{name}-{preset}-run*.json"):
                    stale.unlink()  # from an earlier run of the runner
                for number, run in enumerate(runs if len(runs) > 1 else [], start=1):
                    (REPORTS / f"{name}-{preset}-run{number}.json").write_text(json.dumps(run))
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                failing = {c: failing_audits(report, c) for c in CATEGORIES}
                bp = failing["best-practices"]
                if only_network_errors_for(report, url):
                    bp[:] = [OWN_404 if a == "errors-in-console" else a for a in bp]
                elif only_network_errors_for(
                    report, server.base + "/moderation/events/", query=True
                ):
                    bp[:] = [DESK_STREAM if a == "errors-in-console" else a for a in bp]
                problems, notes = judge(
                    name, preset, scores, failing, advisory=args.performance_advisory
                )
                row = dict(page=name, preset=preset, scores=scores, problems=problems, notes=notes)
                row["runs"] = [performance(run) for run in runs]
                row["cpu_indexes"] = [round(run["environment"]["benchmarkIndex"]) for run in runs]
                if preset == "mobile" and scores["performance"] < MOBILE_PERFORMANCE:
                    row["metrics"], row["diagnostics"] = performance_diagnosis(report)
                # Lighthouse's CPU score of the machine during the run: simulated mobile
                # throttling assumes a machine near 1,000 or more; a busy one scores lower.
                row["benchmark_index"] = round(report["environment"]["benchmarkIndex"])
                results.append(row)
                print(
                    f"{name:16} {preset:8} {scores}  performance runs {row['runs']}"
                    f" (CPU index {row['cpu_indexes']})",
                    flush=True,
                )
    finally:
        server.stop()
        if not args.keep:
            database.drop(args.database_url)

    print()
    print(table(results))
    for row in results:
        for line in row["problems"]:
            print(f"FAIL {row['page']} ({row['preset']}): {line}")
        for line in row["notes"]:
            print(f"note {row['page']} ({row['preset']}): {line}")
        if "metrics" in row:
            where = f"{row['page']} ({row['preset']})"
            print(f"  {where}: performance runs {row['runs']}, CPU index {row['cpu_indexes']}")
            for line in row["metrics"]:
                print(f"  {where} metric: {line}")
            for line in row["diagnostics"]:
                print(f"  {where} costs: {line}")
    RESULTS.write_text(
        json.dumps({"seconds": round(time.monotonic() - began), "pages": results}, indent=2)
    )
    return 1 if any(row["problems"] for row in results) else 0


if __name__ == "__main__":
    sys.exit(main())
