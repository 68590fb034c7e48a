"""The site's words for allauth's entrance pages, where they differ from allauth's."""

from django import template

register = template.Library()

# The header says "Sign in" and "Join"; allauth's own titles, headings and buttons follow it.
SITE_WORDS = {
    "Sign In": "Sign in",
    "Sign Up": "Join",
    "Signup": "Join",
    "Sign Out": "Sign out",
}


@register.filter(is_safe=True)
def site_words(text):
    """Return allauth's words in the site's wording when they are one of SITE_WORDS."""
    # is_safe: Django keeps safe text safe, and SITE_WORDS holds no markup.
    return SITE_WORDS.get(str(text).strip(), text)


# allauth's sentences that name a page in its own words, as the HTML its templates render.
SITE_PHRASES = {">sign up</a>": ">join</a>"}


@register.filter(is_safe=True)
def site_phrases(html):
    """Return allauth's rendered sentence with its page names in the site's words."""
    # Only text between tags changes, for text of the same kind: safe stays safe.
    for theirs, ours in SITE_PHRASES.items():
        html = html.replace(theirs, ours)
    return html
