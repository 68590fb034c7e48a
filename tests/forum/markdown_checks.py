"""What the Markdown tests share: the allowlist they expect and an HTML safety check."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

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
