"""Tests for the Markdown renderer: hostile input, allowed features, and cost limits."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from forum import markdown
from forum.markdown import (
    MAX_COMMENT_LENGTH,
    MAX_MARKDOWN_LENGTH,
    render_markdown,
    render_preview,
)

USER_REL = "nofollow ugc noopener noreferrer"
ARTICLE_REL = "noopener noreferrer"

COMMON_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
TAGS = {True: COMMON_TAGS, False: COMMON_TAGS | {"h2", "img"}}
ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}, "img": {"src", "alt", "title"}}
LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SCHEMES = {"http", "https"}
FORBIDDEN_RAW = (
    "<script", "<svg", "<math", "<iframe", "<object", "<embed", "<form", "<input",
    "<style", "<base", "<meta", "<link", "<textarea", "<button", "<!--", "<![cdata[",
)  # fmt: skip


class ElementCollector(HTMLParser):
    """Collect every start tag and its (already entity-decoded) attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html):
    """Parse html the way a browser would decode attributes and return its elements."""
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


def scheme_of(url):
    """Return the scheme a browser could read from url, or "" for a relative URL."""
    # Browsers drop whitespace and control characters inside a scheme.
    compact = re.sub(r"[\x00-\x20\x7f-\x9f\s\u200b-\u200f\u202a-\u202e\ufeff]", "", unquote(url))
    match = re.match(r"([a-z][a-z0-9+.\-]*):", compact.lower())
    return match.group(1) if match else ""


def assert_safe(html, *, user_content):
    """Fail unless html holds only allowlisted markup and safe URLs."""
    lowered = html.lower()
    for needle in FORBIDDEN_RAW:
        assert needle not in lowered, f"{needle!r} in {html!r}"

    for tag, attrs in elements(html):
        assert tag in TAGS[user_content], f"<{tag}> in {html!r}"
        for name, value in attrs:
            value = value or ""
            # Text may legitimately mention "onclick=" or "style=" (escaped raw HTML is
            # shown as text), so these checks look at real attributes, not at the string.
            assert not name.startswith("on"), f"event handler {name} in {html!r}"
            assert name not in {"style", "class", "id"}, f"{name} in {html!r}"
            assert not name.startswith(("hx-", "data-")), f"{name} in {html!r}"
            assert name in ATTRIBUTES.get(tag, set()), f"{tag}[{name}] in {html!r}"
            if name in {"href", "src"}:
                # Only the part before the first "/", "?" or "#" can be read as a scheme;
                # "https://a.example/javascript:x" is a harmless path.
                decoded = re.sub(r"\s", "", unquote(value)).lower()
                head = re.match(r"[^/?#]*", decoded).group()
                for bad in ("javascript:", "vbscript:", "data:", "file:"):
                    assert bad not in head, f"{bad} in {name}={value!r}"
                allowed = LINK_SCHEMES if name == "href" else IMAGE_SCHEMES
                scheme = scheme_of(value)
                assert scheme in allowed or (name == "href" and scheme == ""), value
            if name == "rel":
                assert value == (USER_REL if user_content else ARTICLE_REL)
        if tag == "a":
            assert "rel" in dict(attrs), f"link without rel in {html!r}"
        if tag == "img":
            assert not user_content, f"image in user content: {html!r}"
            assert scheme_of(dict(attrs).get("src") or "") in IMAGE_SCHEMES


def links(html):
    """Return the attribute dicts of every <a> in html."""
    return [dict(attrs) for tag, attrs in elements(html) if tag == "a"]


HOSTILE = {
    # Raw HTML: must come out as escaped text.
    "raw-script": "<script>alert(1)</script>",
    "raw-script-upper-src": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "raw-img-onerror": "<img src=x onerror=alert(1)>",
    "unclosed-img-onerror": "<img src=x onerror=alert(1)",
    "raw-a-javascript": '<a href="javascript:alert(1)">x</a>',
    "raw-a-entity-javascript": '<a href="&#106;avascript:alert(1)">x</a>',
    "raw-svg-onload": "<svg onload=alert(1)>",
    "raw-math": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "raw-iframe": '<iframe src="https://evil.example"></iframe>',
    "raw-style": "<style>body{display:none}</style>",
    "raw-div-style": '<div style="position:fixed;inset:0">x</div>',
    "raw-htmx": '<a hx-get="/admin/delete" hx-trigger="load">x</a>',
    "raw-data-hx": '<div data-hx-post="/x" hx-swap="outerHTML">x</div>',
    "raw-object-embed": '<object data="x.swf"></object><embed src="x.swf">',
    "raw-form": '<form action="https://evil.example"><input name="p"></form>',
    "html-comment": "<!-- <script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "script-in-link-text": "[<script>alert(1)</script>](https://ok.example)",
    "script-as-link-target": "[x](<script>alert(1)</script>)",
    "html-in-heading": "# <img src=x onerror=alert(1)>",
    "html-in-table": "|<script>|x|\n|-|-|\n|<img src=x onerror=alert(1)>|y|",
    # Link destinations.
    "link-javascript": "[x](javascript:alert(1))",
    "link-mixed-case": "[x](JaVaScRiPt:alert(1))",
    "link-entity-inner": "[x](java&#115;cript:alert(1))",
    "link-entity-first": "[x](&#106;avascript:alert(1))",
    "link-hex-entity": "[x](&#x6A;avascript:alert(1))",
    "link-padded-entity": "[x](&#0000106&#0000097vascript:alert(1))",
    "link-entity-no-semicolon": "[x](&#106avascript:alert(1))",
    "link-colon-entity": "[x](javascript&colon;alert(1))",
    "link-tab-entity": "[x](java&Tab;script:alert(1))",
    "link-newline-entity": "[x](&NewLine;javascript:alert(1))",
    "link-tab": "[x](java\tscript:alert(1))",
    "link-leading-space": "[x]( javascript:alert(1))",
    "link-angle-brackets": "[x](<javascript:alert(1)>)",
    "link-angle-brackets-space": "[x](<java script:alert(1)>)",
    "link-control-char": "[x](\x01javascript:alert(1))",
    "link-percent-encoded": "[x](%6Aavascript:alert(1))",
    "link-percent-newline": "[x](java%0ascript:alert(1))",
    "link-null-byte": "[x](java\x00script:alert(1))",
    "link-rtl-override": "[x](\u202ejavascript:alert(1))",
    "link-zero-width": "[x](java\u200bscript:alert(1))",
    "link-data-html": "[x](data:text/html,<script>alert(1)</script>)",
    "link-data-base64": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "link-vbscript": "[x](vbscript:msgbox(1))",
    "link-file": "[x](file:///etc/passwd)",
    "link-livescript": "[x](livescript:alert(1))",
    "link-backslash": "[x](\\javascript:alert(1))",
    "reference-javascript": "[x][1]\n\n[1]: javascript:alert(1)",
    "reference-upper-with-title": '[x]\n\n[x]: JAVASCRIPT:alert(1) "t"',
    "autolink-javascript": "<javascript:alert(1)>",
    "autolink-upper": "<JAVASCRIPT:alert(1)>",
    "autolink-data": "<data:text/html,alert(1)>",
    "autolink-email-quote": '<a@b.com"onclick="alert(1)>',
    "bare-javascript": "javascript:alert(1)",
    "bare-javascript-slashes": "javascript://%0aalert(1)",
    "bare-url-quote": 'https://example.com/"onmouseover="alert(1)',
    "bare-www-svg": 'www.example.com/"><svg onload=alert(1)>',
    # Images.
    "image-javascript": "![x](javascript:alert(1))",
    "image-data-svg": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "image-data-png": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "image-quote-breakout": '![x](https://a.example/x.png" onerror="alert(1))',
    "image-in-javascript-link": "[![x](javascript:alert(1))](javascript:alert(2))",
    "image-alt-with-link": "![[y](javascript:alert(1))](https://a.example/x.png)",
    "nested-link": "[[x](javascript:alert(1))](https://ok.example)",
    # Titles.
    "title-escaped-quote": '[x](https://a.com "title\\" onmouseover=alert(1))',
    "title-escaped-quote-closed": '[x](https://a.com "title\\" onmouseover=alert(1)")',
    "title-single-quotes": "[x](https://a.com 'a' onclick='alert(1)')",
    "title-angle": '[x](https://a.com "<script>alert(1)</script>")',
    "url-quote-breakout": '[x](https://a.com/"><script>alert(1)</script>)',
    # Code spans and fences.
    "code-span-script": "`<script>alert(1)</script>`",
    "fence-script": "```html\n<script>alert(1)</script>\n```",
    "fence-info-handler": "``` onload=alert(1) style=x\ncode\n```",
    "fence-info-breakout": '```"><script>alert(1)</script>\ncode\n```',
    "unbalanced-backticks": "``<script>`alert(1)</script>",
    "indented-code-html": "    <iframe src=x></iframe>",
    # Odd characters.
    "null-bytes": "<scr\x00ipt>alert(1)</scr\x00ipt>\x00",
    "rtl-override-link-text": "[\u202egnp.exe](https://e.example/\u202e)",
}


@pytest.mark.parametrize("user_content", [True, False], ids=["user", "article"])
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_renders_safely(source, user_content):
    assert_safe(render_markdown(source, user_content=user_content), user_content=user_content)


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_in_preview_renders_safely(source):
    assert_safe(render_preview(source), user_content=True)


def test_hostile_list_is_long_enough():
    assert len(HOSTILE) >= 45


def test_raw_html_is_shown_as_text():
    html = render_markdown("<b>bold</b> <script>alert(1)</script>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html


def test_javascript_link_keeps_its_words_but_not_a_link():
    html = render_markdown("[click me](javascript:alert(1))")
    assert "click me" in html
    assert "<a" not in html


def test_title_quote_cannot_break_out():
    html = render_markdown('[x](https://a.com "title\\" onmouseover=alert(1)")')
    (link,) = links(html)
    assert set(link) == {"href", "title", "rel"}
    assert link["title"] == 'title" onmouseover=alert(1)'


def test_null_bytes_are_replaced():
    assert "\x00" not in render_markdown("a\x00b")


# --- Allowed features ---------------------------------------------------------------


@pytest.mark.parametrize("user_content", [True, False], ids=["user", "article"])
def test_mailto_link_allowed(user_content):
    html = render_markdown("[mail me](mailto:a@example.com)", user_content=user_content)
    assert [link["href"] for link in links(html)] == ["mailto:a@example.com"]


@pytest.mark.parametrize("target", ["/articles/1/", "#comment-3", "../up", "?page=2"])
def test_relative_links_allowed(target):
    (link,) = links(render_markdown(f"[here]({target})"))
    assert link["href"] == target


def test_http_and_https_links_allowed():
    html = render_markdown("[a](http://a.example/) [b](https://b.example/?q=1&r=2)")
    assert [link["href"] for link in links(html)] == [
        "http://a.example/",
        "https://b.example/?q=1&r=2",
    ]


def test_unknown_scheme_link_dropped():
    assert "<a" not in render_markdown("[x](ftp://files.example/) [y](tel:123) <ftp://x.example>")


def test_user_content_has_no_h1_or_h2():
    html = render_markdown("# Top\n\n## Second\n\nSetext\n======\n\n### Third\n\n###### Sixth")
    assert "<h1" not in html
    assert "<h2" not in html
    assert html.count("<h3>") == 4
    assert "<h6>Sixth</h6>" in html


def test_article_headings_start_at_h2():
    html = render_markdown("# Top\n\n## Section\n\n### Sub", user_content=False)
    assert "<h1" not in html
    assert html.count("<h2>") == 2
    assert "<h3>Sub</h3>" in html


def test_table_renders_without_style():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    for tag in ("<table>", "<thead>", "<tbody>", "<th>a</th>", "<td>2</td>"):
        assert tag in html
    assert "style" not in html


def test_strikethrough_renders():
    assert re.search(r"<(s|del)>gone</\1>", render_markdown("~~gone~~"))


def test_emphasis_lists_quotes_and_code_render():
    html = render_markdown(
        "*em* **strong** `code`\n\n> quote\n\n- a\n- b\n\n3. c\n\n```py\nx = 1\n```"
    )
    for tag in ("<em>em</em>", "<strong>strong</strong>", "<code>code</code>", "<blockquote>"):
        assert tag in html
    assert "<ul>" in html
    assert '<ol start="3">' in html
    assert "<pre><code>x = 1\n</code></pre>" in html  # the language class is dropped


def test_linkify_bare_url():
    (link,) = links(render_markdown("see https://example.com for more"))
    assert link["href"] == "https://example.com"
    assert link["rel"] == USER_REL


def test_linkify_www_and_email():
    hrefs = [link["href"] for link in links(render_markdown("www.example.org or a@example.org"))]
    assert hrefs == ["http://www.example.org", "mailto:a@example.org"]


def test_typographer_is_off():
    assert '"quoted" -- (c)' in render_markdown('"quoted" -- (c)').replace("&quot;", '"')


def test_user_links_get_nofollow_ugc():
    html = render_markdown("[a](https://a.example) <https://b.example> https://c.example")
    assert [link["rel"] for link in links(html)] == [USER_REL] * 3


def test_article_links_are_followed():
    html = render_markdown("[a](https://a.example) https://c.example", user_content=False)
    assert [link["rel"] for link in links(html)] == [ARTICLE_REL] * 2
    assert "nofollow" not in html
    assert "ugc" not in html


def test_links_have_no_target():
    assert "target=" not in render_markdown("[a](https://a.example)")


def test_images_in_comments_become_links():
    html = render_markdown('![a cat](https://img.example/cat.png "Cat")')
    assert "<img" not in html
    (link,) = links(html)
    assert link == {"href": "https://img.example/cat.png", "title": "Cat", "rel": USER_REL}
    assert ">a cat</a>" in html


def test_image_without_alt_in_comment_shows_url():
    html = render_markdown("![](https://img.example/cat.png)")
    assert "<img" not in html
    assert ">https://img.example/cat.png</a>" in html


def test_linked_image_in_comment_keeps_only_outer_link():
    html = render_markdown("[![cat](https://img.example/cat.png)](https://page.example)")
    assert "<img" not in html
    assert [link["href"] for link in links(html)] == ["https://page.example"]


def test_article_allows_https_image():
    html = render_markdown('![a cat](https://img.example/cat.png "Cat")', user_content=False)
    ((tag, attrs),) = [(t, dict(a)) for t, a in elements(html) if t == "img"]
    assert attrs == {"src": "https://img.example/cat.png", "alt": "a cat", "title": "Cat"}


@pytest.mark.parametrize(
    "source",
    [
        "![cat](/media/cat.png)",
        "![cat](//img.example/cat.png)",
        "![cat](data:image/png;base64,iVBORw0KGgo=)",
        "![cat](mailto:a@example.com)",
    ],
)
def test_article_rejects_non_http_image(source):
    html = render_markdown(source, user_content=False)
    assert "<img" not in html
    assert "cat" in html


def test_modes_do_not_leak_into_each_other():
    source = "# Head\n\n![i](https://img.example/i.png)"
    article = render_markdown(source, user_content=False)
    comment = render_markdown(source)
    assert "<h2>" in article and "<img" in article
    assert "<h3>" in comment and "<img" not in comment
    assert render_markdown(source, user_content=False) == article


# --- Length limits --------------------------------------------------------------------


def test_limits():
    assert MAX_MARKDOWN_LENGTH == 100_000
    assert MAX_COMMENT_LENGTH == 10_000


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_input(empty):
    assert render_markdown(empty) == ""
    assert render_preview(empty) == ""


def test_long_input_is_truncated_before_rendering():
    html = render_markdown("a" * 200_000)
    assert html.count("a") == MAX_MARKDOWN_LENGTH


def test_custom_max_length():
    assert render_markdown("abcdef", max_length=3) == "<p>abc</p>\n"


def test_truncation_cannot_leave_a_dangerous_fragment():
    # Cutting mid-link must not turn the remainder into anything unsafe.
    source = "x" * (MAX_COMMENT_LENGTH - 12) + "[a](javascript:alert(1))"
    assert_safe(render_markdown(source, max_length=MAX_COMMENT_LENGTH), user_content=True)


def test_preview_warns_when_over_the_limit():
    html = render_preview("b" * (MAX_COMMENT_LENGTH + 1))
    assert html.startswith('<p class="preview-warning">')
    warning = html.split("</p>", 1)[0]
    assert "10,000" in warning
    assert html.count("b") == MAX_COMMENT_LENGTH


def test_preview_has_no_warning_at_the_limit():
    html = render_preview("b" * MAX_COMMENT_LENGTH)
    assert "preview-warning" not in html
    assert html.count("b") == MAX_COMMENT_LENGTH


def test_preview_is_user_content():
    html = render_preview("# Title\n\n![i](https://img.example/i.png) [a](https://a.example)")
    assert "<h1" not in html and "<h2" not in html
    assert "<img" not in html
    assert all(link["rel"] == USER_REL for link in links(html))


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
    pattern = markdown._LINKIFY_SCHEME_RE

    class Recording:
        def search(self, text):
            scanned.append(len(text))
            return pattern.search(text)

    monkeypatch.setattr(markdown, "_LINKIFY_SCHEME_RE", Recording())
    html = render_markdown(PATHOLOGICAL["autolink-openers"])
    assert len(scanned) == 12_500  # once per "://"
    assert max(scanned) <= markdown._LINKIFY_SCHEME_TAIL + 1
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
    root = Path(__file__).resolve().parents[2]
    code = "import sys, forum.markdown; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(root)},
    )
    assert result.stdout.strip() == "False"
