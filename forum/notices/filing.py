"""Receiving a notice of illegal content (Art. 16): check it, store it, count it, log it, and
acknowledge it to the notifier with its reference number.
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from forum.errors import ActionRefused, RateLimited
from forum.models import (
    Comment,
    IllegalCategory,
    ModerationAction,
    Notice,
    NotifierSuspension,
    TrustedFlagger,
)
from forum.notices import mail, rollups
from forum.notices.words import ANONYMOUS_CATEGORIES, COUNTRIES
from forum.platform import ratelimit
from forum.refusals import Code

MAX_EXPLANATION = 5000


class NoticeRefused(ActionRefused):
    """A notice that can't be received as sent; what was typed stays in the form."""

    # The form field each refusal is about, to show the words beside it.
    FIELDS = {
        Code.NOTICE_CATEGORY_MISSING: "category",
        Code.NOTICE_EXPLANATION_MISSING: "explanation",
        Code.NOTICE_TOO_LONG: "explanation",
        Code.NOTICE_LOCATION_MISSING: "location",
        Code.NOTICE_COUNTRY_MISSING: "country",
        Code.NOTICE_IDENTITY_MISSING: "email",
        Code.NOTICE_GOOD_FAITH_MISSING: "good_faith",
    }

    @property
    def field(self):
        return self.FIELDS.get(self.code)


def new_reference(prefix):
    """Return a reference number nobody can guess the next of: "N-7F3A9C21"."""
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def comment_at(location):
    """Return the comment a URL of this site points at (its permalink), or None."""
    parts = urlsplit(location or "")
    if parts.netloc and parts.netloc != urlsplit(settings.SITE_URL).netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "forum:comment":
        return None
    return Comment.objects.filter(pk=match.kwargs["comment_id"]).first()


def comment_location(comment):
    return settings.SITE_URL + reverse("forum:comment", args=[comment.pk])


def notifier_suspension(*, email="", member=None):
    """Return the running Art. 23 suspension of this notifier, or None."""
    email = (email or "").strip().lower()
    suspensions = NotifierSuspension.objects.filter(until__gt=timezone.now())
    if member is not None and member.is_authenticated:
        found = suspensions.filter(member=member).first()
        if found is not None:
            return found
    return suspensions.filter(email=email).first() if email else None


def trusted_flagger_for(*, email="", member=None):
    """Return the active trusted flagger this notifier speaks for, or None."""
    flaggers = TrustedFlagger.objects.filter(active=True)
    if member is not None and member.is_authenticated:
        found = flaggers.filter(member=member).first()
        if found is not None:
            return found
    domain = email.rpartition("@")[2].lower() if "@" in email else ""
    return flaggers.filter(email_domain=domain).first() if domain else None


def _check(*, category, explanation, location, country, name, email, good_faith):
    if category not in IllegalCategory.values:
        raise NoticeRefused(Code.NOTICE_CATEGORY_MISSING)
    if not explanation:
        raise NoticeRefused(Code.NOTICE_EXPLANATION_MISSING)
    if len(explanation) > MAX_EXPLANATION:
        raise NoticeRefused(Code.NOTICE_TOO_LONG, limit=MAX_EXPLANATION)
    if not location.startswith(("http://", "https://")):
        raise NoticeRefused(Code.NOTICE_LOCATION_MISSING)
    if country not in COUNTRIES:
        raise NoticeRefused(Code.NOTICE_COUNTRY_MISSING)
    if category not in ANONYMOUS_CATEGORIES and not (name and email):
        raise NoticeRefused(Code.NOTICE_IDENTITY_MISSING)
    if not good_faith:
        raise NoticeRefused(Code.NOTICE_GOOD_FAITH_MISSING)


def notice_file(
    *,
    category,
    explanation,
    location,
    country,
    good_faith,
    name="",
    email="",
    notifier=None,
    address=None,
    thread=None,
):
    """Receive a notice of illegal content; return it, acknowledged by e-mail on commit.

    Raises NoticeRefused for a notice missing what Art. 16(2) asks, RateLimited past
    NOTICE_RATE_PER_HOUR per address or e-mail, and NoticeRefused(NOTIFIER_SUSPENDED)
    for a notifier suspended under Art. 23. Nothing is stored then.
    """
    explanation = (explanation or "").replace("\r\n", "\n").strip()
    name, email = (name or "").strip()[:200], (email or "").strip().lower()
    location, country = (location or "").strip()[:500], (country or "").strip().upper()
    _check(
        category=category,
        explanation=explanation,
        location=location,
        country=country,
        name=name,
        email=email,
        good_faith=good_faith,
    )
    if suspension := notifier_suspension(email=email, member=notifier):
        raise NoticeRefused(Code.NOTIFIER_SUSPENDED, until=suspension.until)
    limit = settings.NOTICE_RATE_PER_HOUR
    for scope, ident in (("notice-address", address), ("notice-email", email)):
        if ident and not ratelimit.hit(scope, ident, limit=limit, window_seconds=3600):
            raise RateLimited(Code.NOTICES_TOO_FAST)
    return _notice_insert(
        category=category,
        explanation=explanation,
        location=location,
        country=country,
        name=name,
        email=email,
        notifier=notifier if notifier is not None and notifier.is_authenticated else None,
        thread=thread,
    )


@transaction.atomic
def _notice_insert(*, category, explanation, location, country, name, email, notifier, thread):
    comment = comment_at(location)
    flagger = trusted_flagger_for(email=email, member=notifier)
    notice = Notice.objects.create(
        reference=new_reference("N"),
        comment=comment,
        thread_id=comment.thread_id if comment is not None else getattr(thread, "pk", None),
        location=location,
        category=category,
        explanation=explanation,
        country=country,
        notifier_name=name,
        notifier_email=email,
        notifier=notifier,
        good_faith=True,
        trusted_flagger=flagger,
    )
    rollups.count(rollups.Metric.NOTICES, category)
    if flagger is not None:
        rollups.count(rollups.Metric.TRUSTED_NOTICES, category)
    # The audit log is one record for every moderator: written in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        category_words = notice.get_category_display()
    ModerationAction.objects.create(
        action=ModerationAction.Action.NOTICE_RECEIVED,
        comment=comment,
        member_id=comment.author_id if comment is not None else None,
        thread_id=notice.thread_id,
        reason=f"{notice.reference}: {category_words}"[:200],
        note=f"Country: {country}" + (f"; trusted flagger: {flagger.name}" if flagger else ""),
    )
    mail.tell(
        email,
        _("We received your notice %(reference)s"),
        "forum/notices/email/acknowledgement.txt",
        {"notice": notice, "status_url": settings.SITE_URL + status_path(notice)},
        # Filed in the notifier's own request: it speaks their language.
        language=translation.get_language() or settings.LANGUAGE_CODE,
        subject_params={"reference": notice.reference},
    )
    return notice


def status_path(notice):
    """Return the notifier's private page of a notice: its status, decision and appeal."""
    return reverse("notices:status", args=[notice.reference, notice.access_key])
