"""The Markdown renderer's allowed features and length limits."""

import re
from html import unescape

import pytest

from forum.markdown import (
    MAX_COMMENT_LENGTH,
    MAX_MARKDOWN_LENGTH,
    render_markdown,
    render_preview,
)
from tests.forum.markdown_checks import ARTICLE_REL, USER_REL, assert_safe, elements, links

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


def test_articles_get_typographic_quotes_and_apostrophes():
    html = render_markdown("Kim said \"it's over\" and 'so' it was.", user_content=False)
    assert "<p>Kim said “it’s over” and ‘so’ it was.</p>" in html


def test_typographic_quotes_leave_code_as_written():
    source = 'A `don\'t "touch"` span.\n\n    indented \'code\'\n\n```\nfenced "code"\n```'
    html = unescape(render_markdown(source, user_content=False))
    assert '<code>don\'t "touch"</code>' in html
    assert "indented 'code'" in html
    assert 'fenced "code"' in html


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
