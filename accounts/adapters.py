"""allauth behaviour for this site: e-mails in our branding with links built from SITE_URL."""

from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


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


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix, email, context):
        """Send the text and HTML versions, every *_url in the context on SITE_URL."""
        context = {
            key: absolute_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        context.setdefault("SITE_NAME", settings.SITE_NAME)
        context.setdefault("SITE_URL", settings.SITE_URL)
        context.setdefault("settings_url", absolute_url(reverse("accounts:settings")))
        super().send_mail(template_prefix, email, context)
