"""Sum up the rounds and print the benchmark's tables."""

import statistics


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(rounds, trivial_rounds):
    """Return the medians of one target across rounds, its ratio taken round by round."""
    ratios = [
        mine["rps"] / trivial["rps"]
        for mine, trivial in zip(rounds, trivial_rounds, strict=True)
        if trivial["rps"]
    ]
    return {
        "rps": median(r["rps"] for r in rounds),
        "ratio": median(ratios),
        "p50_ms": median(r["p50_ms"] for r in rounds),
        "p99_ms": median(r["p99_ms"] for r in rounds),
        "bytes_per_response": median(r["bytes_per_response"] for r in rounds),
        "requests": sum(r["requests"] for r in rounds),
        "errors": sum(r["errors"] + r["non_2xx"] for r in rounds),
    }


def number(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def ratio(value):
    return "-" if value is None else f"{value:.3g}"


def table(header, rows):
    """Return a plain text table, numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for row in [header, *rows]:
        cells = [str(row[0]).ljust(widths[0])]
        cells += [str(cell).rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells))
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def http_table(results):
    """Return the HTTP table: throughput, latency, weight, queries and ratio to the trivial view."""
    rows = []
    for name, result in results.items():
        http = result.get("http")
        inproc = result["inprocess"]
        if http is None:
            rows.append([name, "not loaded", "", "", "", "", "", inproc["queries"], ""])
            continue
        rows.append(
            [
                name,
                number(http["rps"], 1),
                ratio(http["ratio"]),
                number(http["p50_ms"], 1),
                number(http["p99_ms"], 1),
                number(http["bytes_per_response"]),
                number(http["requests"]),
                inproc["queries"],
                http["errors"] or "",
            ]
        )
    header = [
        "target",
        "req/s",
        "ratio",
        "p50 ms",
        "p99 ms",
        "bytes/resp",
        "requests",
        "queries",
        "errors",
    ]
    return table(header, rows)


def beyond_empty(figures, empty_ms):
    """Return the microseconds each shown comment adds to the page without comments."""
    if not figures["comments_shown"] or empty_ms is None:
        return None
    return (figures["render_ms"] - empty_ms) * 1000 / figures["comments_shown"]


def page_table(results, empty_name):
    """Return the in-process table: render time, comments on page 1, HTML and gzip bytes."""
    empty_ms = results[empty_name]["inprocess"]["render_ms"] if empty_name in results else None
    rows = [
        [
            name,
            number(r["inprocess"]["render_ms"], 1),
            r["inprocess"]["samples"],
            number(r["inprocess"]["comments_shown"]),
            number(r["inprocess"]["us_per_comment"]),
            number(beyond_empty(r["inprocess"], empty_ms)),
            number(r["inprocess"]["html_bytes"]),
            number(r["inprocess"]["gzip_bytes"]),
        ]
        for name, r in results.items()
    ]
    header = [
        "target",
        "render ms",
        "runs",
        "comments",
        "us/comment",
        "us over empty",
        "HTML bytes",
        "gzip",
    ]
    return table(header, rows)


def after_comment_line(name, figures, plain_ms):
    """Return the line of a first reader after a comment: their time, its ratio, the writer's.

    The ratio is to the plain page timed beside them when it was (`plain_ms` else).
    """
    after, plain_ms = figures["render_ms"], figures.get("plain_ms") or plain_ms
    line = (
        f"{name}: {after:.1f} ms in-process, {after / plain_ms:.2f}x the plain page "
        f"({plain_ms:.1f} ms); goal: 3x"
    )
    if figures.get("ahead_ms"):
        line += f" (rendered ahead by the writer's process: {figures['ahead_ms']:.1f} ms)"
    return line + "."
