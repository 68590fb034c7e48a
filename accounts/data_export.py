"""The "Download my data" file, assembled from parts that apps register.

Another app adds its part from its AppConfig.ready(), without accounts importing it:

    from accounts import data_export
    data_export.register("comments", lambda user: [...])

Each function takes the member and returns something JSON-serialisable (dates and
datetimes are fine: the view encodes them with DjangoJSONEncoder).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

_parts = {}


def register(name, fn):
    """Add (or replace) the part called `name` of every member's export."""
    _parts[name] = fn


def export_for(user):
    """Return everything we hold about the member, as a JSON-serialisable dict."""
    data = {
        "site": settings.SITE_URL,
        "exported_at": timezone.now(),
    }
    for name, fn in _parts.items():
        data[name] = fn(user)
    return data


def _profile(user):
    return {
        "username": user.username,
        "display_name": user.display_name,
        "bio": user.bio,
        "website": user.website,
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "notify_replies": user.notify_replies,
        "notify_follows": user.notify_follows,
        "profile_url": settings.SITE_URL + reverse("accounts:profile", args=[user.username]),
        "moderation": {
            "suspended_until": user.suspended_until,
            "suspension_reason": user.suspension_reason,
            "banned_at": user.banned_at,
            "ban_reason": user.ban_reason,
        },
    }


def _email_addresses(user):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in user.emailaddress_set.order_by("email")
    ]


register("profile", _profile)
register("email_addresses", _email_addresses)
