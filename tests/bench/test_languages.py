"""The bench's anonymous article read in three languages in turn: the target and wrk's script."""

import re
import subprocess
from pathlib import Path

from bench import run, targets, wrk

SITE = {"articles": {"0": "/a0/", "10": "/a10/", "1000": "/a1000/", "10000": "/a10000/"}}
SITE["search_word"] = "summit"
WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:1/a10000/
  Latency Distribution
     50%    1.00ms
     99%    2.00ms
  300 requests in 1.00s, 3.00MB read
Requests/sec:    300.00
"""


def test_the_three_language_target_sits_beside_the_english_one():
    names = [target.name for target in targets.targets(SITE, 100_000)]
    english = names.index("article, 10,000")
    assert names[english + 1] == targets.THREE_LANGUAGES
    target = targets.targets(SITE, 100_000)[english + 1]
    assert (target.path, target.languages, target.member) == ("/a10000/", ("en", "de", "ar"), False)
    assert run.wrk_script(targets.targets(SITE, 100_000)[english]) is None


def test_the_script_sends_each_language_in_turn_keeping_the_other_headers():
    script = run.wrk_script(
        targets.Target(targets.THREE_LANGUAGES, "/a/", languages=targets.LANGUAGES)
    )
    assert 'local values = {"en", "de", "ar"}' in script
    # On wrk's own table of headers: -H Accept-Encoding and Host stay in every request.
    assert 'wrk.headers["Accept-Language"] = values[(sent - 1) % #values + 1]' in script
    assert re.search(r"request = function\(\)\n.*\n.*\n  return wrk.format\(\)\nend", script)


def test_wrk_is_given_the_script(monkeypatch):
    seen = {}

    def fake_run(command, **options):
        seen["command"] = command
        seen["script"] = Path(command[command.index("-s") + 1]).read_text()
        return subprocess.CompletedProcess(command, 0, stdout=WRK_OUTPUT, stderr="")

    monkeypatch.setattr(wrk.subprocess, "run", fake_run)
    script = wrk.rotating_header("Accept-Language", ["en", "de", "ar"])
    result = wrk.load("http://127.0.0.1:1/a10000/", seconds=1, script=script)
    assert result["rps"] == 300.0
    assert seen["script"] == script
    assert seen["command"][-1] == "http://127.0.0.1:1/a10000/"
    assert "Accept-Encoding: gzip" in seen["command"]


def test_the_rounds_load_the_target_with_its_script(monkeypatch):
    loads = []

    def fake_load(url, **options):
        loads.append((url, options.get("script")))
        return {"rps": 1.0, "requests": 1, "p99_ms": 1.0}

    class Server:
        base = "http://127.0.0.1:1"

        def wait_idle(self):
            pass

    monkeypatch.setattr(run.wrk, "load", fake_load)
    plan = [
        targets.Target("article, 10,000", "/a/"),
        targets.Target(targets.THREE_LANGUAGES, "/a/", languages=targets.LANGUAGES),
    ]
    durations = {target.name: 1 for target in plan}
    servers = {("site", run.ASGI): Server()}
    run.run_rounds(servers, plan, {"site": ""}, rounds=1, durations=durations, env={})
    assert loads[0] == ("http://127.0.0.1:1/a/", None)
    assert loads[1][1] == wrk.rotating_header("Accept-Language", ["en", "de", "ar"])
