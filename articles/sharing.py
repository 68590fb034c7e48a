"""Share links: the one place that builds every URL a reader can share to, encoded here.

Plain links only (no third-party scripts, iframes or counters). Every URL shared is the
canonical one: SITE_URL plus the object's path, with no tracking parameters.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext

EXCERPT_LENGTH = 100
MAX_SHARE_TEXT = 500


@dataclass(frozen=True)
class ShareLink:
    """One way of sharing: a stable key (for CSS and tests), a label, and the URL to open."""

    key: str
    label: str
    url: str
    new_tab: bool = True


@dataclass(frozen=True)
class Share:
    """Everything a share bar needs: the canonical URL, the text, and the links."""

    url: str
    title: str
    text: str
    links: tuple[ShareLink, ...]

    @property
    def mastodon_text(self):
        """Return the text Mastodon's compose box receives (text, then the link)."""
        return f"{self.text} {self.url}"


def absolute_url(path):
    """Return the canonical absolute URL of a site path: SITE_URL + path, no query string."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/"):
        path = "/" + path
    return settings.SITE_URL + path


def _query(**params):
    # quote_via=quote writes spaces as %20 (not "+"), which every target and mailto decode.
    return urlencode(params, quote_via=quote, safe="")


def share_links(*, url, title, text=None):
    """Return the share links for `url`, with `title` and an optional quoted `text`."""
    text = text or title
    both = f"{text} {url}"
    email_body = f"{text}\n\n{url}"
    return (
        ShareLink(
            "email", gettext("E-mail"), f"mailto:?{_query(subject=title, body=email_body)}", False
        ),
        ShareLink("x", "X", f"https://x.com/intent/post?{_query(text=text, url=url)}"),
        ShareLink(
            "facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}"
        ),
        ShareLink(
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}",
        ),
        ShareLink(
            "reddit", "Reddit", f"https://www.reddit.com/submit?{_query(url=url, title=title)}"
        ),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?{_query(text=both)}"),
        ShareLink("telegram", "Telegram", f"https://t.me/share/url?{_query(url=url, text=text)}"),
        ShareLink("bluesky", "Bluesky", f"https://bsky.app/intent/compose?{_query(text=both)}"),
    )


def share_for(*, path, title, text=None):
    """Return the Share of the site page at `path`."""
    url = absolute_url(path)
    text = text or title
    return Share(
        url=url, title=title, text=text, links=share_links(url=url, title=title, text=text)
    )


def article_share(article):
    """Return the Share of an article (its headline is the text)."""
    return share_for(path=article.get_absolute_url(), title=article.title)


def comment_share(comment, title):
    """Return the Share of a comment's permalink, quoting the start of the comment."""
    quote_text = gettext("“%(quote)s” on %(title)s") % {
        "quote": plain_excerpt(comment.body),
        "title": title,
    }
    return share_for(path=comment.get_absolute_url(), title=title, text=quote_text)


_MARKDOWN_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),  # fenced code blocks
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, lists
    (re.compile(r"(\*\*|__|~~|`|\*|_)"), ""),  # emphasis and code marks
    (re.compile(r"\s+"), " "),
]


def plain_text(markdown):
    """Return Markdown roughly as plain text on one line (raw HTML stays literal text,
    as the renderer shows it: escape the result wherever it goes into HTML)."""
    text = markdown or ""
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def plain_excerpt(markdown, length=EXCERPT_LENGTH):
    """Return the start of a Markdown text as plain text, cut at a word with an ellipsis."""
    return Truncator(plain_text(markdown)).chars(length)


# Mastodon ------------------------------------------------------------------------

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


class InvalidInstance(ValueError):
    """The text given is not the name of a Mastodon server."""


def clean_instance(value):
    """Return the host name of a Mastodon server typed by a member, or raise InvalidInstance.

    Accepts "mastodon.social", "https://mastodon.social/" and "@name@mastodon.social";
    refuses anything else that could steer the redirect: ports, paths, user info,
    IP addresses, single-label names, other schemes, spaces and control characters.
    """
    host = (value or "").strip()
    if not host:
        raise InvalidInstance(
            gettext("Enter the name of your Mastodon server, such as %(example)s.")
            % {"example": "mastodon.social"}
        )
    if re.match(r"^https?://", host, re.I):
        host = re.sub(r"^https?://", "", host, flags=re.I)
        host = host.removesuffix("/")
    elif host.startswith("@") and host.count("@") == 2:
        host = host.rsplit("@", 1)[1]
    host = host.removesuffix(".").lower()
    invalid = InvalidInstance(
        gettext("That doesn’t look like a server name. Enter just the name, such as %(example)s.")
        % {"example": "mastodon.social"}
    )
    if len(host) > 253 or not host.isprintable() or any(c in host for c in " /\\@:?#%"):
        raise invalid
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise invalid from None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise invalid
    if not _TLD.match(labels[-1]):
        raise invalid  # also refuses IPv4 addresses
    return host


def mastodon_share_url(*, instance, text):
    """Return the compose URL on the member's Mastodon server (instance already cleaned)."""
    return f"https://{instance}/share?{_query(text=text[:MAX_SHARE_TEXT])}"


def is_own_url(url):
    """Return whether `url` is an absolute URL of this site (the only thing we share)."""
    return isinstance(url, str) and url.startswith(settings.SITE_URL + "/") and url.isprintable()
