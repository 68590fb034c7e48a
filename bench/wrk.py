"""Run wrk against one URL and read its report."""

import json
import re
import subprocess
import tempfile

TIME_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}  # to milliseconds
SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}

TOTALS = re.compile(r"(\d+) requests in ([\d.]+)(\w+), ([\d.]+)(\w+) read")
PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(\w+)\s*$", re.MULTILINE)
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def parse(output):
    """Return requests/s, p50/p99 latency (ms), bytes per response and errors from wrk's report."""
    totals = TOTALS.search(output)
    rate = RATE.search(output)
    if not totals or not rate:
        raise ValueError(f"unexpected wrk output:\n{output}")
    requests = int(totals.group(1))
    read = float(totals.group(4)) * SIZE_UNITS[totals.group(5)]
    latency = {
        int(p): float(value) * TIME_UNITS[unit] for p, value, unit in PERCENTILE.findall(output)
    }
    socket_errors = SOCKET_ERRORS.search(output)
    non_2xx = NON_2XX.search(output)
    return {
        "rps": float(rate.group(1)),
        # With no answer in time wrk prints zero latencies: there is no latency to report.
        "p50_ms": latency.get(50) if requests else None,
        "p99_ms": latency.get(99) if requests else None,
        "bytes_per_response": round(read / requests) if requests else None,
        "requests": requests,
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def rotating_header(name, values):
    """Return a wrk Lua script that sends `name` with each of `values` in turn.

    Each request sets the header on wrk's own table (which holds the -H headers and Host)
    before wrk formats it, so nothing else of the request changes. Each of wrk's threads
    runs the script in a Lua state of its own and rotates from the first value.
    """
    quoted = ", ".join(json.dumps(value) for value in values)  # ASCII: a Lua string too
    return f"""local values = {{{quoted}}}
local sent = 0
request = function()
  sent = sent + 1
  wrk.headers["{name}"] = values[(sent - 1) % #values + 1]
  return wrk.format()
end
"""


def load(url, *, seconds, connections=16, threads=2, headers=(), timeout=60, script=None):
    """Load the URL for `seconds` with wrk and return the parsed report.

    `script` is the text of a wrk Lua script (rotating_header), or None.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script is not None:
            lua.write(script)
            lua.flush()
        return _load(url, seconds, connections, threads, headers, timeout, script and lua.name)


def _load(url, seconds, connections, threads, headers, timeout, script_path):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
    ]
    for header in headers:
        command += ["-H", header]
    if script_path:
        command += ["-s", script_path]
    done = subprocess.run(  # noqa: S603 (our own command line)
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    )
    return parse(done.stdout)
