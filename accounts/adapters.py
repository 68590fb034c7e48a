"""allauth behaviour for this site: e-mails on SITE_URL in the member's language, limits, bans."""

from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.account.models import EmailAddress
from allauth.core import context
from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import sign_in_limits
from accounts.languages import member_language
from accounts.sso.nexts import allowed_next

SIGN_IN_PAUSED = _(
    "Too many failed attempts to sign in to this account from your network. "
    "Wait a few minutes and try again, or choose “Send me a sign-in code” "
    "to sign in with a code sent to your e-mail address."
)


def absolute_url(path_or_url):
    """Return the address on SITE_URL for a path (or for the path of an absolute URL).

    Links in e-mails must not depend on the Host header of the request that sent them.
    """
    parts = urlsplit(path_or_url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if parts.fragment:
        path += "#" + parts.fragment
    return settings.SITE_URL + path


def _recipient(email, mail_context):
    """Return the member an e-mail goes to, if the address is a member's."""
    user = mail_context.get("user")
    if getattr(user, "pk", None):
        return user
    # Notifications and sign-in codes name only the address.
    address = (
        EmailAddress.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("-verified", "-primary")
        .first()
    )
    return address.user if address else None


def _language_for(member):
    """Return the language of an e-mail to `member` (None when the address is nobody's)."""
    chosen = member_language(member)
    if chosen:
        return chosen
    # No choice yet (a new member signing up): the language of the page they are on.
    in_request = context.request is not None
    return (in_request and translation.get_language()) or settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix, email, context):
        """Send the text and HTML versions in the recipient's language, every *_url on SITE_URL."""
        with translation.override(_language_for(_recipient(email, context))):
            self._send_mail(template_prefix, email, context)

    def _send_mail(self, template_prefix, email, context):
        context = {
            key: absolute_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        context.setdefault("SITE_NAME", settings.SITE_NAME)
        context.setdefault("SITE_URL", settings.SITE_URL)
        context.setdefault("settings_url", absolute_url(reverse("accounts:settings")))
        super().send_mail(template_prefix, email, context)

    # Sign-in limits (accounts/sign_in_limits.py). allauth's authenticate() gives back the
    # usage stored in _login_failed_rl_usage when the password is right.
    def pre_authenticate(self, request, **credentials):
        self._login_failed_rl_usage = sign_in_limits.consume(request, credentials)
        if not self._login_failed_rl_usage:
            raise forms.ValidationError(SIGN_IN_PAUSED, code="too_many_login_attempts")

    def _get_login_attempts_cache_key(self, request, **credentials):
        return sign_in_limits.account_and_address(request, credentials)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        sign_in_limits.forget_failures(request, credentials)

    def is_safe_url(self, url):
        """Allow `next` on this site, and on the sites allowed to embed the forum."""
        return super().is_safe_url(url) or bool(url and allowed_next(context.request, url) == url)

    def login(self, request, user):
        super().login(request, user)
        sign_in_limits.remember_address(request, user)

    def pre_login(self, request, user, **kwargs):
        """Refuse a banned member with a page that says why and how to appeal.

        It runs after the password (or code, or social account) was accepted, so only the
        account's owner learns that it is banned.
        """
        response = super().pre_login(request, user, **kwargs)
        if response is None and getattr(user, "is_banned", False):
            clear_login(request)
            context = {"member": user, "appeals_email": settings.APPEALS_EMAIL}
            response = render(request, "accounts/banned.html", context, status=403)
        return response
