"""Bare links in Markdown ("https://…", "example.com") made into links, at a bounded cost.

markdown-it's own linkify rules are replaced or guarded here: forum.markdown builds its
parsers with them. Free of Django, like forum.markdown.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

_LINKIFY_SCHEME_RE = re.compile(r"(?:^|[^a-z0-9.+-])([a-z][a-z0-9.+-]*)$", re.IGNORECASE)
# Longer than any scheme linkify-it knows (http, https, ftp, mailto).
_LINKIFY_SCHEME_TAIL = 32


def linkify_inline(state: StateInline, silent: bool) -> bool:
    """Turn a bare "scheme://..." URL at the cursor into a link."""
    # Same as markdown_it.rules_inline.linkify, except that the upstream rule runs
    # its scheme regex over the whole pending text at every "://", which is
    # quadratic: "<http://" * 12_000 took over 20 s. Only the tail can hold the scheme.
    if not state.md.options.linkify or state.linkLevel > 0 or state.md.linkify is None:
        return False
    pos = state.pos
    if pos + 3 > state.posMax or state.src[pos : pos + 3] != "://":
        return False

    tail = state.pending[-(_LINKIFY_SCHEME_TAIL + 1) :]
    match = _LINKIFY_SCHEME_RE.search(tail)
    # A match starting at the cut means the word runs on past the tail: too long.
    if match is None or (match.start(1) == 0 and len(tail) < len(state.pending)):
        return False
    proto = match.group(1)

    link = state.md.linkify.match_at_start(state.src[pos - len(proto) : state.posMax])
    if not link:
        return False
    # A trailing "*" belongs to emphasis, as upstream decides.
    url = link.url.rstrip("*")
    full_url = state.md.normalizeLink(url)
    if not state.md.validateLink(full_url):
        return False

    if not silent:
        state.pending = state.pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": full_url}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"

    state.pos += len(url) - len(proto)
    return True


# linkify-it's pretest is one large regex (every top-level domain) run over each paragraph:
# two thirds of a comment's rendering time. Whatever it can match holds ":", "//", "@",
# "localhost", "www." or a dot before a letter or digit; text with none of these cannot hold
# a link, so it is not scanned (tests/forum/test_markdown_linkify.py checks the claim).
MAY_HOLD_LINK = re.compile(r"[:@]|//|\.[^\W_]|localhost|www\.", re.IGNORECASE)


def quick_pretest(pretest):
    """Return linkify-it's `pretest`, skipped for text that cannot hold a link."""

    def may_hold_link(text: str) -> bool:
        return MAY_HOLD_LINK.search(text) is not None and pretest(text)

    return may_hold_link
