"""The embed's sign-in popup: a window on this site that hands the frame an embed token.

The frame on another site never has our session cookie (browsers that block third-party
cookies, and SameSite=Lax everywhere). So it opens this page in a popup, top-level on our
site, where the cookie works: the member signs in as anywhere on the site (any sign-in that
ends in a session: our accounts, a provider, a publisher's hand-off), confirms the site they
join from, and the page posts a short-lived embed token to its opener, only if the opener
is on our own origin (static/js/embed-popup.js). docs/integration.md says why.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from forum import refusals
from forum.embed.origins import allowed_origin, origin_of
from forum.embed.tokens import TokenRefused, embed_token_create

SESSION_KEY = "embed_popup"
# How long an abandoned popup's mark relaxes the opener policy of the member's pages.
POPUP_SECONDS = 15 * 60


def _page(request, context, status=200):
    response = render(request, "forum/embed_sign_in.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the token page, and the member's name
    return response


@require_http_methods(["GET", "POST"])
def embed_sign_in(request):
    """Sign in (if needed), confirm, then hand the embed's frame a token by postMessage."""
    host = origin_of(request.POST.get("host") or request.GET.get("host", ""))
    if not allowed_origin(host):
        context = {"refusal": gettext("This site is not allowed to show the discussion.")}
        return _page(request, context, status=400)
    here = f"{reverse('embed:sign_in')}?{urlencode({'host': host})}"
    # Every page of this window keeps its opener (PopupOpenerMiddleware), sign-in included.
    request.session[SESSION_KEY] = time.time() + POPUP_SECONDS
    if not request.user.is_authenticated:
        return redirect_to_login(here)
    context = {
        "host": host,
        "here": here,
        "minutes": settings.EMBED_TOKEN_MINUTES,
        "refusal": refusals.participation(request.user),
    }
    if request.method == "GET":
        return _page(request, context)
    try:
        secret = embed_token_create(member=request.user, host=host)
    except TokenRefused as error:
        return _page(request, {**context, "token_refusal": str(error)}, status=429)
    request.session.pop(SESSION_KEY, None)
    return _page(request, {**context, "token": secret})


class PopupOpenerMiddleware:
    """Let the sign-in popup keep its opener through every page it shows.

    The site's `Cross-Origin-Opener-Policy: same-origin` would cut a window opened by a frame
    on another site from that frame. While a popup sign-in is under way (a mark in the
    session, set by the popup's first page, for POPUP_SECONDS at most), pages answer
    `unsafe-none` instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.path is None:
            self.path = reverse("embed:sign_in")
        if request.path == self.path or (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.session.get(SESSION_KEY, 0) > time.time()
        ):
            response["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response
