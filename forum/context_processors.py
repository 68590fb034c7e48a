from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from forum.platform import jscatalog
from forum.roles import is_moderator


def site(request):
    """Give every template the site's name and base URL, and whether the user moderates."""
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "JS_CATALOG_URL": jscatalog.url(translation.get_language()),
        # Lazy: evaluated (one cached query) only where a template asks.
        "user_is_moderator": SimpleLazyObject(lambda: bool(user and is_moderator(user))),
    }
