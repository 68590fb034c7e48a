"""The Markdown renderer against hostile input: nothing unsafe comes out."""

import pytest

from forum.markdown import (
    render_markdown,
    render_preview,
)
from tests.forum.markdown_checks import assert_safe, links

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
