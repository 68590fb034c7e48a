"""The site's words for allauth's entrance pages, where they differ from allauth's."""

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The header says "Sign in" and "Join"; allauth's own titles, headings and buttons follow it.
# The keys are allauth's messages, compared in the page's language through allauth's catalogue.
SITE_WORDS = {
    "Sign In": _("Sign in"),
    "Sign Up": _("Join"),
    "Signup": _("Join"),
    "Sign Out": _("Sign out"),
}


@register.filter(is_safe=True)
def site_words(text):
    """Return allauth's words in the site's wording when they are one of SITE_WORDS."""
    # is_safe: Django keeps safe text safe, and SITE_WORDS holds no markup.
    text_stripped = str(text).strip()
    for theirs, ours in SITE_WORDS.items():
        # A variable, not a literal: makemessages leaves allauth's message to allauth.
        if text_stripped in (theirs, gettext(theirs)):
            return str(ours)
    return text


# allauth's sentences that name a page in its own words, as the HTML its templates render.
# English only: in other languages allauth's translation already reads well.
SITE_PHRASES = {">sign up</a>": ">join</a>"}


@register.filter(is_safe=True)
def site_phrases(html):
    """Return allauth's rendered sentence with its page names in the site's words."""
    # Only text between tags changes, for text of the same kind: safe stays safe.
    for theirs, ours in SITE_PHRASES.items():
        html = html.replace(theirs, ours)
    return html
