"""The signed-token hand-off: a redirect that signs the reader in, and the "user deleted" call."""

from allauth.account.utils import perform_login
from allauth.core import ratelimit
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.sso.nexts import allowed_next
from accounts.sso.tokens import SsoTokenRefused, erase_for_token, member_for_token

TOO_MANY = _("Too many sign-in attempts from your network. Wait a minute, then try again.")


def _no_store(response):
    # The token may be in the address: keep it out of caches and of the next page's Referer.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# No CSRF token: the publisher's page posts here from its own site, and the signed token,
# good once and for minutes, is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def token_sign_in(request):
    """Sign in the reader a publisher's token names, then go on to `next` (ours or an embed's)."""
    data = request.POST if request.method == "POST" else request.GET
    next_url = allowed_next(request, data.get("next"))
    if not ratelimit.consume(request, action="sso_token"):
        context = {"message": TOO_MANY}
        return _no_store(render(request, "accounts/sso_refused.html", context, status=429))
    try:
        member = member_for_token(data.get("token", "").strip())
    except SsoTokenRefused as refusal:
        context = {"message": refusal.message}
        return _no_store(render(request, "accounts/sso_refused.html", context, status=400))
    # allauth's sign-in: a banned member gets the banned page and no session (AccountAdapter),
    # an address the publisher did not verify gets a confirmation e-mail first.
    response = perform_login(
        request,
        member,
        email_verification=settings.ACCOUNT_EMAIL_VERIFICATION,
        redirect_url=next_url,
    )
    return _no_store(response or redirect(next_url))


@csrf_exempt
@require_POST
def account_deleted(request):
    """Delete the member(s) of the subject a signed "user deleted" token names (back-channel)."""
    if not ratelimit.consume(request, action="sso_token"):
        return JsonResponse({"error": "rate_limited", "message": str(TOO_MANY)}, status=429)
    authorization = request.headers.get("Authorization", "")
    token = authorization.removeprefix("Bearer ").strip() or request.POST.get("token", "").strip()
    try:
        deleted = erase_for_token(token)
    except SsoTokenRefused as refusal:
        status = 503 if refusal.code == "keys" else 401
        return JsonResponse({"error": refusal.code, "message": str(refusal.message)}, status=status)
    return JsonResponse({"deleted": deleted})
