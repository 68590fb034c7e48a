from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from forum.platform import jscatalog
from forum.roles import is_moderator

# Open Graph wants language_TERRITORY; the territory each shipped language is most read in.
OG_LOCALES = {
    "en": "en_GB",
    "de": "de_DE",
    "fr": "fr_FR",
    "es": "es_ES",
    "ar": "ar_AR",
    "ko": "ko_KR",
}


def site(request):
    """Give every template the site's name and base URL, and whether the user moderates."""
    user = getattr(request, "user", None)
    language = translation.get_language()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "JS_CATALOG_URL": jscatalog.url(language),
        "OG_LOCALE": OG_LOCALES.get(language) or translation.to_locale(language or "en"),
        # Lazy: evaluated (one cached query) only where a template asks.
        "user_is_moderator": SimpleLazyObject(lambda: bool(user and is_moderator(user))),
    }
