"""The import's benchmark: a generated Disqus export of N comments over N/100 threads,
imported twice into a fresh PostgreSQL database (make bench-import).

Prints comments a second, the importer's peak RSS and the second run's time (which writes
nothing). Goals at 1,000,000 comments: >= 3,000 comments/s, <= 300 MB.
"""

import argparse
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.database import create, with_name

ROOT = Path(__file__).resolve().parent.parent
# The only databases this benchmark empties: the bench's own, or an import helper's.
PREFIXES = ("forum_bench", "forum_imports")

WORDS = (
    "the summit talks sanctions treaty reporters sources analysis timeline policy minister "
    "election region markets vote people think agree disagree because however clearly"
).split()


# What real comments hold beside words, and what makes the renderer look for links.
ASIDES = ("e.g. the last round", "the U.S. side", "at 10:30", "Update: nothing new", "3.5%")


def _words(rng):
    """Return a few sentences, as readers write them: capitals, stops, now and then an aside."""
    sentences = []
    for _ in range(rng.randint(1, 4)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
        if rng.random() < 0.2:
            words.insert(rng.randint(0, len(words)), rng.choice(ASIDES))
        sentences.append(" ".join(words).capitalize() + rng.choice(".....?!"))
    return " ".join(sentences)


def _message(rng, number):
    words = _words(rng)
    if number % 10 == 0:  # some markup: links, emphasis, a quote, entities
        return (
            f'<p>{words} <b>really</b> &amp; <a href="https://example.org/{number}">this</a>'
            f"</p><blockquote><p>{words[:40]}</p></blockquote>"
        )
    if number % 3 == 0:
        return f"<p>{words}</p><p>{_words(rng)}</p>"
    return f"<p>{words}</p>"


def generate(path, comments, *, seed=30):
    """Write a Disqus export of `comments` comments over comments/100 threads."""
    rng = random.Random(seed)
    threads = max(1, comments // 100)
    authors = max(1, comments // 10)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n'
        )
        for t in range(threads):
            out.write(
                f'<thread dsq:id="{t + 1}"><id>story-{t + 1}</id><forum>bench</forum>'
                f"<link>https://news.example.org/{2000 + t % 20}/story-{t + 1}.html</link>"
                f"<title>Story number {t + 1}</title><message/>"
                "<createdAt>2015-01-01T00:00:00Z</createdAt>"
                "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n"
            )
        for n in range(comments):
            thread = n * threads // comments + 1
            first_of_thread = (thread - 1) * comments // threads
            parent = ""
            if n > first_of_thread and rng.random() < 0.6:
                parent = f'<parent dsq:id="{rng.randint(first_of_thread, n - 1) + 1}"/>'
            author = rng.randint(1, authors)
            anonymous = author % 7 == 0
            spam, deleted = rng.random() < 0.01, rng.random() < 0.01
            out.write(
                f'<post dsq:id="{n + 1}"><id/><message><![CDATA[{_message(rng, n)}]]></message>'
                f"<createdAt>2015-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
                f"</createdAt><isDeleted>{str(deleted).lower()}</isDeleted>"
                f"<isSpam>{str(spam).lower()}</isSpam><author>"
                f"<email>reader{author}@example.org</email><name>Reader {author}</name>"
                f"<isAnonymous>{str(anonymous).lower()}</isAnonymous>"
                f"{'' if anonymous else f'<username>reader{author}</username>'}</author>"
                f"<ipAddress>192.0.2.{author % 250}</ipAddress>"
                f'<thread dsq:id="{thread}"/>{parent}</post>\n'
            )
        out.write("</disqus>\n")


def _tree_rss(pid):
    """Return the resident memory, in bytes, of process `pid` and all its descendants."""
    total, pids = 0, [pid]
    while pids:
        pid = pids.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue  # it ended meanwhile
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        pids += [int(child) for child in children]
    return total


def run_import(path, env):
    """Run the import command; return (seconds, peak RSS in MB of the importer and its
    worker processes together, CPU seconds of them all, its output)."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", "import_comments", "--format", "disqus", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=None,  # the progress bar, on the terminal
        text=True,
    )
    peak, done = [0], threading.Event()

    def sample():  # the workers' memory counts too: ru_maxrss is one process's
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    done.set()
    sampler.join()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"the import failed:\n{output}")
    rss = max(peak[0], usage.ru_maxrss * 1024) / 2**20
    return seconds, rss, usage.ru_utime + usage.ru_stime, output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/forum_bench_import"
    )
    parser.add_argument("--file", help="Where the generated file goes (kept for another run).")
    args = parser.parse_args(argv)
    name = urlsplit(args.database_url).path.lstrip("/")
    if not name.startswith(PREFIXES):
        sys.exit(f"refusing to empty database {name!r}: its name must start with {PREFIXES}")
    # v2: messages in sentences with punctuation (v1's were bare words, kinder to the renderer).
    path = Path(args.file or ROOT / "bench" / "data" / f"disqus-{args.comments}-v2.xml")
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.comments)
        print(
            f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - started:.0f} s"
        )
    if name.startswith("forum_bench"):
        create(with_name(args.database_url, name))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-import-" + "x" * 40,
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    if not name.startswith("forum_bench"):  # a helper's own database: empty what we fill
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from django.db import connection; connection.cursor().execute("
             "'TRUNCATE forum_comment, forum_guestauthor, forum_thread CASCADE')"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
    first, rss, cpu, output = run_import(path, env)
    print(output)
    second, rss2, cpu2, output2 = run_import(path, env)
    print(output2)
    rate = args.comments / first
    print(f"comments:            {args.comments:,}")
    print(f"first run:           {first:.1f} s, {rate:,.0f} comments/s (goal >= 3,000)")
    print(f"peak RSS:            {max(rss, rss2):.0f} MB, workers included (goal <= 300)")
    print(f"second run:          {second:.1f} s (writes nothing)")
    # On a shared machine the wall clock depends on the others' load; the importer's own CPU
    # time (its worker processes' included) does not (PostgreSQL's work is not in it).
    print(
        f"importer CPU time:   {cpu:.1f} s first run ({args.comments / cpu:,.0f} comments per "
        f"CPU second), {cpu2:.1f} s second run"
    )


if __name__ == "__main__":
    main()
