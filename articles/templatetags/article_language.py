"""The `lang` (and `dir`) of an article's words inside a page in the reader's interface language.

An article keeps its own language (Article.language) whatever the interface's: its title and
text are marked with it where the two differ, and the interface's words inside the article
element are marked back with the page's, so screen readers, hyphenation and the direction of
the text (an English article in an Arabic page runs left to right) follow the words.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _page_language():
    return get_language() or settings.LANGUAGE_CODE


def _is_rtl(code):
    code = code.lower()
    return code in settings.LANGUAGES_BIDI or code.split("-")[0] in settings.LANGUAGES_BIDI


def _attributes(code, *, other):
    """Return ` lang="code"`, with a `dir` where the direction differs from `other`'s."""
    if _is_rtl(code) == _is_rtl(other):
        return format_html(' lang="{}"', code)
    return format_html(' lang="{}" dir="{}"', code, "rtl" if _is_rtl(code) else "ltr")


def _same(one, other):
    return one.lower() == other.lower()


@register.filter
def own_lang(article):
    """Return the article element's ` lang="…"` (and `dir` where the page's differs)."""
    return _attributes(article.content_language, other=_page_language())


@register.filter
def foreign_lang(article):
    """Return ` lang="…"` with the article's language where it differs from the page's."""
    code, page = article.content_language, _page_language()
    return "" if _same(code, page) else _attributes(code, other=page)


@register.filter
def interface_lang(article):
    """Return ` lang="…"` with the page's language where the article's differs from it."""
    code, page = article.content_language, _page_language()
    return "" if _same(code, page) else _attributes(page, other=code)
