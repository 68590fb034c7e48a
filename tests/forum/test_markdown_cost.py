"""The Markdown renderer's cost: linear in the input, bounded output, no Django."""

import sys

import pytest

from forum import linkify
from forum.markdown import (
    render_markdown,
)
from tests.forum.markdown_checks import assert_safe, links
from tests.helpers import ROOT, run_python

# --- Cost ----------------------------------------------------------------------------

PATHOLOGICAL = {
    "open-brackets": "[" * 100_000,
    "open-image-brackets": "![" * 50_000,
    "emphasis-pairs": "*a" * 50_000,
    "mixed-emphasis": "*_" * 50_000,
    "nested-quotes": ">" * 10_000,
    "quote-lines": "> a\n" * 25_000,
    "backticks": "`" * 100_000,
    "backtick-runs": "".join("`" * i + "a" for i in range(1, 440)),
    "link-openers": "[a](" * 25_000,
    "angle-brackets": "<" * 100_000,
    "autolink-openers": "<http://" * 12_500,  # quadratic in upstream's linkify rule
    "failed-urls": "http://<" * 12_500,
    "many-urls": "https://a.example " * 5_000,
    "fuzzy-links": "a.co " * 20_000,
    "nested-lists": "- " * 50_000,
    "table-rows": "a|b\n-|-\n" + "|\n" * 50_000,
    "table-autocomplete": "|" + "a|" * 16_000 + "\n|" + "-|" * 16_000 + "\n" + "a\n" * 18_000,
    "entities": "&#1" * 33_000,
    "backslashes": "\\" * 100_000,
    "null-bytes": "\x00" * 100_000,
}


# Python functions entered per input character, at most. The worst input measured
# (open image brackets) enters about 150; a quadratic rule would enter millions.
CALLS_PER_CHARACTER = 200


def python_calls(function, *args):
    """Return function(*args) and how many Python functions it entered, a count of its steps."""
    monitoring = sys.monitoring
    tool = monitoring.PROFILER_ID
    calls = 0

    def count(code, offset):
        nonlocal calls
        calls += 1

    monitoring.use_tool_id(tool, "markdown-cost")
    monitoring.register_callback(tool, monitoring.events.PY_START, count)
    monitoring.set_events(tool, monitoring.events.PY_START)
    try:
        result = function(*args)
    finally:
        monitoring.set_events(tool, 0)
        monitoring.register_callback(tool, monitoring.events.PY_START, None)
        monitoring.free_tool_id(tool)
    return result, calls


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_renders_in_linear_steps(source):
    html, calls = python_calls(render_markdown, source)
    assert calls <= CALLS_PER_CHARACTER * len(source), f"{calls} calls for {len(source)} chars"
    assert_safe(html, user_content=True)


def test_linkify_reads_only_the_tail_before_each_scheme(monkeypatch):
    # Upstream's linkify rule searched all pending text at every "://": quadratic work
    # inside one regex call, which a count of Python calls cannot see.
    scanned = []
    pattern = linkify._LINKIFY_SCHEME_RE

    class Recording:
        def search(self, text):
            scanned.append(len(text))
            return pattern.search(text)

    monkeypatch.setattr(linkify, "_LINKIFY_SCHEME_RE", Recording())
    html = render_markdown(PATHOLOGICAL["autolink-openers"])
    assert len(scanned) == 12_500  # once per "://"
    assert max(scanned) <= linkify._LINKIFY_SCHEME_TAIL + 1
    assert_safe(html, user_content=True)


def test_reference_reuse_cannot_amplify_output():
    # One long definition cited thousands of times would otherwise produce hundreds
    # of megabytes of HTML from 100 KB of Markdown.
    url = "https://a.example/" + "a" * 20_000
    source = f"[r]: {url}\n\n" + "[r]" * 26_000
    html = render_markdown(source)
    assert len(html) < 2_000_000
    # The URL budget (ten times the source) lets at most 49 of the 26,000 citations link.
    assert 1 <= html.count(f'href="{url}"') <= (10 * len(source) + 10_000) // len(url)


def test_reused_references_still_work():
    html = render_markdown("[a][r] and [b][r]\n\n[r]: https://a.example/page")
    assert [link["href"] for link in links(html)] == ["https://a.example/page"] * 2


def test_module_imports_without_django():
    code = "import sys, forum.markdown; print('django' in sys.modules)"
    result = run_python(code, env={"PYTHONPATH": str(ROOT)})
    assert result.stdout.strip() == "False"
