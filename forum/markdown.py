"""Render Markdown to sanitized HTML for articles and member-written content."""

# This is the site's only Markdown renderer. Two layers keep the output safe, so a
# mistake in one still cannot emit scripts, styles or event handlers:
#
# 1. markdown-it-py parses with raw HTML disabled and a strict link validator, and a
#    core rule rewrites the token stream (heading levels, images, dead links).
# 2. nh3 re-parses the HTML and drops anything outside an explicit allowlist.
#
# Importing this module must not need Django settings: it is used by the markdownx
# preview view and by model save() alike, and is tested without a database.

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from forum.linkify import linkify_inline, quick_pretest

MAX_MARKDOWN_LENGTH = 100_000
MAX_COMMENT_LENGTH = 10_000

USER_LINK_REL = "nofollow ugc noopener noreferrer"
ARTICLE_LINK_REL = "noopener noreferrer"

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})

# h1 is the page title everywhere; a comment sits under article sections (h2),
# so its own headings start at h3.
_ARTICLE_MIN_HEADING = 2
_USER_MIN_HEADING = 3

# Browsers ignore ASCII whitespace and C0 controls inside a scheme ("java\tscript:"),
# so they are removed before the scheme is read. Invisible Unicode formatting
# characters are removed too: nothing legitimate needs them in a scheme.
_IGNORED_IN_SCHEME_RE = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\s]+"
)
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):")
# A relative reference's first segment may not contain ":" (RFC 3986 section 4.2);
# one that does ("\\javascript:...") is malformed at best and is refused.
_FIRST_SEGMENT_RE = re.compile(r"[^/?#]*")
# Sentinel for a URL that only looks relative because something precedes its colon.
_MALFORMED = "-malformed-"


def _compact(url: str) -> str:
    """Decode entities and percent-escapes in url and drop what browsers skip in a scheme."""
    decoded = url
    # Decode repeatedly so double-encoded tricks ("&amp;#106;", "%256A") are seen
    # as the browser might eventually see them; stop once nothing changes.
    for _ in range(4):
        step = html.unescape(unquote(decoded))
        if step == decoded:
            break
        decoded = step
    return _IGNORED_IN_SCHEME_RE.sub("", decoded).lower()


def url_scheme(url: str) -> str:
    """Return the lowercased scheme a browser could read from url, or "" if it is relative."""
    compact = _compact(url)
    match = _SCHEME_RE.match(compact)
    if match:
        return match.group(1)
    if ":" in _FIRST_SEGMENT_RE.match(compact).group():  # type: ignore[union-attr]
        return _MALFORMED
    return ""


def is_safe_link(url: str | None) -> bool:
    """Tell whether url may be a link target: http, https, mailto or relative."""
    if not url:
        return False
    scheme = url_scheme(url)
    return scheme == "" or scheme in LINK_SCHEMES


def is_safe_image(url: str | None) -> bool:
    """Tell whether url may be an image source: absolute http or https only."""
    return bool(url) and url_scheme(url) in IMAGE_SCHEMES


def _validate_link(url: str) -> bool:
    """Accept a parsed link destination only if its scheme is allowed."""
    # markdown-it's own validator allows data:image/* and any unknown scheme;
    # an empty destination is left to the core rule, which unwraps the link.
    return url == "" or is_safe_link(url)


# --- markdown-it rules --------------------------------------------------------


def _plain_text(tokens: list[Token] | None) -> str:
    """Flatten inline tokens to their visible text, as an image's alt text is."""
    parts: list[str] = []
    for token in tokens or ():
        if token.type in ("text", "code_inline", "text_special"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_plain_text(token.children))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


class _UrlBudget:
    """Track how many characters of URLs and titles the output may still carry."""

    # A reference definition is written once but may be used thousands of times:
    # a 50 KB URL cited 16,000 times would turn 100 KB of input into 800 MB of
    # HTML. Links past the budget are shown as their plain text instead. The factor
    # leaves room for percent-encoding, which can grow one character into nine.
    __slots__ = ("remaining",)

    def __init__(self, source_length: int) -> None:
        self.remaining = 10 * source_length + 10_000

    def spend(self, token: Token, url_attr: str) -> bool:
        """Charge the token's URL and title to the budget and tell whether it fit."""
        cost = sum(len(str(token.attrGet(name) or "")) for name in (url_attr, "title"))
        if cost > self.remaining:
            return False
        self.remaining -= cost
        return True


def _text_token(content: str, level: int) -> Token:
    """Build a plain text token."""
    return Token("text", "", 0, content=content, level=level)


def _rewrite_image(
    image: Token, user_content: bool, in_link: bool, budget: _UrlBudget
) -> list[Token]:
    """Replace an image token with what this mode allows to be shown."""
    src = image.attrGet("src")
    src = src if isinstance(src, str) else ""
    alt = _plain_text(image.children)

    if not user_content:
        if is_safe_image(src) and budget.spend(image, "src"):
            return [image]
        return [_text_token(alt, image.level)] if alt else []

    # Members may not embed remote images: each view would ping a third party
    # (tracking pixels, IP logging). Offer a plain link to the picture instead.
    if in_link or not is_safe_link(src) or not budget.spend(image, "src"):
        return [_text_token(alt, image.level)] if alt else []
    attrs: dict[str, str | int | float] = {"href": src}
    title = image.attrGet("title")
    if title:
        attrs["title"] = title
    return [
        Token("link_open", "a", 1, attrs=attrs, level=image.level, markup="image"),
        _text_token(alt or src, image.level + 1),
        Token("link_close", "a", -1, level=image.level, markup="image"),
    ]


def _rewrite_inline(children: list[Token], user_content: bool, budget: _UrlBudget) -> list[Token]:
    """Unwrap links without a usable href and rewrite images for this mode."""
    result: list[Token] = []
    kept_stack: list[bool] = []
    open_links = 0
    for token in children:
        if token.type == "link_open":
            # An empty destination ("[x]()") or a spent budget leaves nothing worth
            # linking to: keep the words, drop the link. Nested anchors are invalid
            # HTML (an image link inside a link), so only the outer one survives.
            keep = (
                open_links == 0
                and is_safe_link(token.attrGet("href"))  # type: ignore[arg-type]
                and budget.spend(token, "href")
            )
            kept_stack.append(keep)
            if keep:
                open_links += 1
                result.append(token)
        elif token.type == "link_close":
            if kept_stack and kept_stack.pop():
                open_links -= 1
                result.append(token)
        elif token.type == "image":
            result.extend(_rewrite_image(token, user_content, open_links > 0, budget))
        else:
            result.append(token)
    return result


# A numbered heading of the site's own pages ("## 3. Stay on topic") is a rule the
# moderators cite: it gets the anchor #rule-3.
_RULE_HEADING = re.compile(r"^([0-9]{1,2})\.\s")
_RULE_ID = re.compile(r"^rule-[0-9]{1,2}$")


def _anchor_rule(heading: Token, inline: Token) -> None:
    if match := _RULE_HEADING.match(inline.content or ""):
        heading.attrSet("id", f"rule-{match.group(1)}")


def _rewrite_tokens(state: StateCore) -> None:
    """Apply the site's rules for headings, links, images and table cells."""
    # Default to the stricter mode if a caller forgets to say.
    user_content = state.env.get("user_content", True)
    min_heading = _USER_MIN_HEADING if user_content else _ARTICLE_MIN_HEADING
    budget = _UrlBudget(len(state.src))
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, max(min_heading, int(token.tag[1:])))}"
            if token.type == "heading_open" and not user_content:
                _anchor_rule(token, tokens[index + 1])
        elif token.type in ("th_open", "td_open") and token.attrs:
            # Alignment arrives as style="text-align"; nh3 would drop it anyway.
            token.attrs.pop("style", None)
        elif token.type == "inline" and token.children:
            token.children = _rewrite_inline(token.children, user_content, budget)


def _build_markdown(*, typographer: bool = False) -> MarkdownIt:
    """Build a parser: CommonMark, tables, strikethrough, linkify, no raw HTML."""
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": True, "typographer": typographer},
    )
    md.enable(["table", "strikethrough", "linkify"])
    if typographer:
        # Curly quotes and apostrophes in text; code spans and blocks are left as written.
        md.enable("smartquotes")
    # html=False already makes these rules no-ops; disabling them as well means raw
    # HTML stays escaped text even if someone flips the option later.
    md.disable(["html_block", "html_inline"])
    md.inline.ruler.at("linkify", linkify_inline)
    md.linkify.pretest = quick_pretest(md.linkify.pretest)  # type: ignore[method-assign]
    md.core.ruler.push("forum_rewrite", _rewrite_tokens)
    # Instance attribute shadows the method; markdown-it calls md.validateLink(url).
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md


# Members' comments are shown as typed (a straight quote may be meant, as in code or a
# measurement); the site's own articles and pages get typographic quotes.
_MD = _build_markdown()
_ARTICLE_MD = _build_markdown(typographer=True)


# --- HTML sanitizer ------------------------------------------------------------

_COMMON_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
_USER_TAGS = _COMMON_TAGS
_ARTICLE_TAGS = _COMMON_TAGS | {"h2", "img"}

# An explicit empty "*" entry matters: without it nh3 keeps its default generic
# attributes (lang, title) on every tag. rel is absent because link_rel sets it.
_USER_ATTRIBUTES = {"*": set(), "a": {"href", "title"}, "ol": {"start"}}
_ARTICLE_ATTRIBUTES = {**_USER_ATTRIBUTES, "img": {"src", "alt", "title"}, "h2": {"id"}}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop URL attributes whose scheme is not allowed for their tag."""
    # Second line of defence behind the token rewrite, with the same scheme rules.
    if tag == "a" and attribute == "href":
        return value if is_safe_link(value) else None
    if tag == "img" and attribute == "src":
        return value if is_safe_image(value) else None
    if attribute == "id":
        return value if _RULE_ID.match(value) else None
    return value


def _build_cleaner(*, tags: frozenset[str], attributes: dict, link_rel: str) -> nh3.Cleaner:
    """Build an nh3 cleaner with the site's fixed policy and the given allowlist."""
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=_filter_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel=link_rel,
        generic_attribute_prefixes=set(),
        strip_comments=True,
    )


_USER_CLEANER = _build_cleaner(tags=_USER_TAGS, attributes=_USER_ATTRIBUTES, link_rel=USER_LINK_REL)
_ARTICLE_CLEANER = _build_cleaner(
    tags=_ARTICLE_TAGS, attributes=_ARTICLE_ATTRIBUTES, link_rel=ARTICLE_LINK_REL
)


# --- Public API ----------------------------------------------------------------


def render_markdown(
    text: str | None,
    *,
    user_content: bool = True,
    max_length: int = MAX_MARKDOWN_LENGTH,
) -> str:
    """Render Markdown text to sanitized HTML, truncating it to max_length characters first."""
    if not text:
        return ""
    # Truncate before parsing so the cost is bounded by max_length, not the input.
    source = str(text)[: max(0, max_length)]
    parser = _MD if user_content else _ARTICLE_MD
    rendered = parser.render(source, {"user_content": user_content})
    cleaner = _USER_CLEANER if user_content else _ARTICLE_CLEANER
    return cleaner.clean(rendered)


_TAG_RE = re.compile(r"<[^>]*>")
# What is left of Markdown's syntax when it marks up nothing ("**", "__", "- ", "~~").
_SYNTAX_MARKS = frozenset("*_~`>#-+=|\\")


def shows_nothing(rendered: str) -> bool:
    """Return whether rendered HTML has nothing to read: only markup and syntax marks."""
    if "<img" in rendered:
        return False
    text = html.unescape(_TAG_RE.sub("", rendered))
    # Zero-width and other invisible format characters read as nothing too.
    return all(
        ch.isspace() or ch in _SYNTAX_MARKS or unicodedata.category(ch) == "Cf" for ch in text
    )


# Why a comment's text cannot be posted (forum.comments.transitions.clean_body says so).
EMPTY, TOO_LONG, NOTHING_TO_READ = "empty", "too_long", "nothing_to_read"


def comment_text(body: str | None) -> tuple[str, str, str | None]:
    """Return a comment's text as stored (line ends normalized, trimmed), its HTML, and
    EMPTY, TOO_LONG or NOTHING_TO_READ when it cannot be posted (else None).

    Free of Django, like the rest of this module: an import's worker processes call it.
    """
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        return body, "", EMPTY
    if len(body) > MAX_COMMENT_LENGTH:
        return body, "", TOO_LONG
    body_html = render_markdown(body, max_length=MAX_COMMENT_LENGTH)
    if shows_nothing(body_html):
        return body, body_html, NOTHING_TO_READ
    return body, body_html, None


def render_preview(text: str | None) -> str:
    """Render a member's draft for the live preview, warning when it is over the limit."""
    text = text or ""
    rendered = render_markdown(text, user_content=True, max_length=MAX_COMMENT_LENGTH)
    if len(text) <= MAX_COMMENT_LENGTH:
        return rendered
    # Imported here: the renderer itself runs without Django (bench, tools); the preview never.
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    words = gettext(
        "Your text is %(length)s characters long, over the %(limit)s-character limit. "
        "Only the first %(limit)s characters are previewed."
    ) % {
        "length": number_format(len(text), force_grouping=True),
        "limit": number_format(MAX_COMMENT_LENGTH, force_grouping=True),
    }
    warning = f'<p class="preview-warning">{html.escape(words)}</p>'
    return warning + rendered
