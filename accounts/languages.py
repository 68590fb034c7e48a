"""The reader's choice of language: the footer's menu, and a member's setting wherever they are.

Anyone may pick a language from the menu: it is kept in Django's language cookie, which
LocaleMiddleware reads before Accept-Language. A member's choice is also kept on their
account, so that it follows them to another browser and their e-mails are written in it.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods


def member_language(user):
    """Return the language `user` chose, if the site still offers it, else None."""
    chosen = getattr(user, "language", "")
    return chosen if chosen in dict(settings.LANGUAGES) else None


class MemberLanguageMiddleware:
    """Speak to a signed-in member in the language of their account, whatever the browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only with a session cookie: reading request.user would load the session of every
        # reader, which marks each answer `Vary: Cookie`, shared caches or not.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            chosen = member_language(request.user)
            if chosen and chosen != request.LANGUAGE_CODE:
                translation.activate(chosen)
                request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def remember_language(response, code):
    """Keep `code` in the browser's language cookie; an empty code forgets it (Accept-Language)."""
    if not code:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _next_url(request, value):
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and allowed else "/"


@csrf_protect
@require_http_methods(["GET", "POST"])
def choose(request):
    """Set the reader's language from the menu and go back to the page they were on.

    A reader's menu is a GET form (their pages are shared, so carry no CSRF token; the
    cookie is a display preference of that browser only); a member's is a POST with the
    token, since it also changes their account. An unknown language changes nothing.
    """
    data = request.POST if request.method == "POST" else request.GET
    response = HttpResponseRedirect(_next_url(request, data.get("next", "")))
    code = data.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated and request.method == "POST":
        request.user.language = code
        request.user.save(update_fields=["language"])
    remember_language(response, code)
    return response
