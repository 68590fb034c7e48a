"""A pseudo-locale that wraps every message in ⟦…⟧, and a scan of pages for text outside them.

Rendered in it, a page whose every visible word went through a translation function reads
"⟦Sign in⟧ · The Invitation": what is left outside the markers is either content (an
article, a comment, a name: never translated) or English a template or view wrote bare.

The catalogue holds the project's messages (the extracted .pot files) and those of Django
and of every installed app with a catalogue (allauth ...), whose own translations the site
relies on: taken from their German catalogues, which name every message they have.
"""

import re
import unicodedata
from pathlib import Path

import django
from bs4 import BeautifulSoup, Comment, Doctype
from django.apps import apps

from tests.i18n.catalogues import compile_po, quote, read_po

LANGUAGE = "eo"  # Esperanto: a language Django knows and the project does not ship
NAME = "Pseudo"
OPEN, CLOSE = "⟦", "⟧"
HEADER = f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {LANGUAGE}\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""
# Where content is shown: its words are the newsroom's and the members', never translated.
CONTENT_SELECTORS = [
    ".article__body",  # the article (templates/articles/_article_main.html)
    ".invitation",  # its Invitation for Discussion
    ".prose--comment",  # a comment's body: cards, quotes, the desk, profiles
    ".embed__body",  # a comment's body in the embed
    ".prose-page > .prose",  # a page's body (the community guidelines)
    ".search-result__title",  # an article's title, the words searched for marked in it
    ".search-result__snippet",  # an excerpt of an article or comment
    ".avatar",  # a member's initials
    "code",  # syntax (Markdown, an HTTP header), not prose
    "kbd",
    "samp",
]
# Names no language translates: the share bar's networks, the time zone beside a time.
NAMES = ["Bluesky", "Facebook", "LinkedIn", "Mastodon", "Reddit", "Telegram", "WhatsApp", "X"]
NAMES += ["UTC"]
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUTS = ("submit", "button", "reset")  # an <input> whose value is its label
URL = re.compile(
    r"(?:https?://|www\.)\S*|\S+@\S+\.\w+|(?<!\w)/[\w./?=&%#:-]*"
    r"|(?<![\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w.])"  # a host: mastodon.social
)


def reference_catalogues():
    """Return the .po files that name every message of Django and of the installed apps."""
    found = [Path(django.__file__).parent / "conf" / "locale" / "de" / "LC_MESSAGES" / "django.po"]
    for app in apps.get_app_configs():
        po = Path(app.path) / "locale" / "de" / "LC_MESSAGES" / "django.po"
        if po.exists() and po not in found:
            found.append(po)
    return found


def wrapped(text):
    """Return `text` in markers; its leading and trailing line breaks stay outside them
    (msgfmt wants a msgstr to start and end with a line break as its msgid does)."""
    core = text.strip("\n")
    if not core:
        return text
    start = text.index(core)
    return f"{text[:start]}{OPEN}{core}{CLOSE}{text[start + len(core) :]}"


def build(folder, pot_files):
    """Compile the pseudo catalogue of every message under `folder` (a LOCALE_PATHS entry)."""
    entries = {}
    for path in [*pot_files, *reference_catalogues()]:
        for entry in read_po(path):
            if not entry.is_header:
                entries.setdefault(entry.key, entry)
    lines = [HEADER]
    for entry in entries.values():
        if entry.context is not None:
            lines.append(f"msgctxt {quote(entry.context)}")
        lines.append(f"msgid {quote(entry.msgid)}")
        if entry.plural is None:
            lines.append(f"msgstr {quote(wrapped(entry.msgid))}")
        else:
            lines.append(f"msgid_plural {quote(entry.plural)}")
            lines.append(f"msgstr[0] {quote(wrapped(entry.msgid))}")
            lines.append(f"msgstr[1] {quote(wrapped(entry.plural))}")
        lines.append("")
    return compile_po("\n".join(lines), folder, LANGUAGE)


def _is_letter(char):
    return unicodedata.category(char).startswith("L")


def bare_words(text, content):
    """Return the words of `text` outside ⟦…⟧ that are no content, or "" when there are none.

    `content` is a compiled pattern of the content strings (names, titles) the page may show.
    Markers may open in one text node and close in another (a message with markup in it):
    the caller passes the whole page's text in document order, or one attribute's value.
    """
    outside, depth = [], 0
    for char in text:
        if char == OPEN:
            depth += 1
            outside.append(" ")
        elif char == CLOSE:
            depth = max(depth - 1, 0)
            outside.append(" ")
        else:
            outside.append(char if depth == 0 else " ")
    rest = URL.sub(" ", "".join(outside))
    if content is not None:
        rest = content.sub(" ", rest)
    words = [word for word in rest.split() if any(_is_letter(c) for c in word)]
    return " ".join(words)


def content_pattern(strings):
    """Return a pattern matching any of `strings` (and NAMES) as whole words, longest first."""
    strings = [*strings, *NAMES]
    strings = sorted({s.strip() for s in strings if s and s.strip()}, key=len, reverse=True)
    if not strings:
        return None
    alternatives = "|".join(re.escape(s) for s in strings)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _skipped(element, content_ids):
    return element.name in ("script", "style", "template") or id(element) in content_ids


def scan(html, content=None):
    """Return the bare English on a page: a list of (where, words)."""
    soup = BeautifulSoup(html, "html.parser")
    content_ids = {id(e) for selector in CONTENT_SELECTORS for e in soup.select(selector)}
    findings, pieces = [], []

    def walk(element):
        if _skipped(element, content_ids):
            return
        for name in ATTRIBUTES:
            value = element.get(name)
            if value and (words := bare_words(value, content)):
                findings.append((f"<{element.name} {name}>", words))
        if element.name == "input" and element.get("type") in BUTTON_INPUTS:
            if words := bare_words(element.get("value", ""), content):
                findings.append(("<input value>", words))
        for child in element.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, str):
                pieces.append((child, element))
            else:
                walk(child)

    walk(soup)
    # The text in document order, one line per text node with its parent named, so that a
    # finding says where it is; the markers' depth runs across nodes.
    depth = 0
    for text, parent in pieces:
        before = depth
        depth = max(depth + text.count(OPEN) - text.count(CLOSE), 0)
        framed = OPEN * before + text
        if words := bare_words(framed, content):
            classes = ".".join(parent.get("class", []))
            findings.append((f"<{parent.name}{'.' + classes if classes else ''}>", words))
    return findings
