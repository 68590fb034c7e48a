"""The `lang` of an article's words inside a page in the reader's interface language.

An article keeps its own language (Article.language) whatever the interface's: its title and
text are marked with it where the two differ, and the interface's words inside the article
element are marked back with the page's, so screen readers and hyphenation use the right one.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _page_language():
    return get_language() or ""


@register.filter
def foreign_lang(article):
    """Return ` lang="…"` with the article's language where it differs from the page's."""
    code = article.content_language
    if code.lower() == _page_language().lower():
        return ""
    return format_html(' lang="{}"', code)


@register.filter
def interface_lang(article):
    """Return ` lang="…"` with the page's language where the article's differs from it."""
    page = _page_language()
    if not page or article.content_language.lower() == page.lower():
        return ""
    return format_html(' lang="{}"', page)
