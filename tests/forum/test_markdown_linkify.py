"""The renderer skips linkify-it's costly scan for text that cannot hold a link: the same
links come out as with the scan on every text."""

from hypothesis import given, settings
from hypothesis import strategies as st
from linkify_it import LinkifyIt

from forum import markdown
from forum.linkify import MAY_HOLD_LINK
from forum.markdown import _build_markdown, render_markdown

SCAN = LinkifyIt()
# Pieces links are made of, and of what merely looks like them, with ordinary words.
PIECES = [
    "http:", "https://", "ftp://", "mailto:", "//", "@", ".", ":", "www.", "WWW.", "localhost",
    "example", ".com", ".org", ".co.uk", ".рф", ".museum", ".1.", "192.168.0.1", "xn--p1ai",
    " ", "\n", "a", "Kim", "e.g.", "U.S.", "3.5", "10:30", "user", "_", "-", "(", ")", "<", ">",
    "\uff5c", "“", "”", "'", "!", "?", ",", "é", "한국", "。", "．",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_whatever_linkify_it_may_link_passes_the_quick_test(text):
    if SCAN.pretest(text):
        assert MAY_HOLD_LINK.search(text), text


@settings(max_examples=500, deadline=None)
@given(texts)
def test_comments_render_as_with_the_full_scan(text):
    full = _build_markdown()
    full.linkify.pretest = LinkifyIt().pretest  # the scan on every paragraph, as upstream
    expected = markdown._USER_CLEANER.clean(full.render(text, {"user_content": True}))
    assert render_markdown(text) == expected


def test_plain_prose_is_not_scanned_and_links_still_are():
    assert not MAY_HOLD_LINK.search("The talks ended. Nobody agreed, again")
    assert '<a href="http://example.com"' in render_markdown("see example.com now")
    assert '<a href="http://www.example.org"' in render_markdown("www.example.org")
    assert "mailto:kim@example.org" in render_markdown("write to kim@example.org")
