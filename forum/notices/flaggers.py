"""Trusted flaggers (Art. 22), whose notices come first, and notifiers suspended from
notifying after manifestly unfounded notices (Art. 23): each step with its audit entry.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.errors import ModerationConflict, ModerationError
from forum.models import Decision, ModerationAction, Notice, NotifierSuspension, TrustedFlagger
from forum.notices import mail, rollups
from forum.refusals import Code
from forum.roles import require_moderator


@transaction.atomic
def flagger_add(*, moderator, name, email_domain="", username=""):
    """Trust the notices of an organisation, by its e-mail domain or a member; return it."""
    require_moderator(moderator)
    name = (name or "").strip()[:200]
    email_domain = (email_domain or "").strip().lower().lstrip("@")[:200]
    username = (username or "").strip()
    if not name:
        raise ModerationError(Code.FLAGGER_NAME_MISSING)
    member = get_user_model().objects.filter(username=username).first() if username else None
    if not email_domain and member is None:
        raise ModerationError(Code.FLAGGER_TARGET_MISSING)
    flagger = TrustedFlagger.objects.create(
        name=name, email_domain=email_domain, member=member, added_by=moderator
    )
    ModerationAction.objects.create(
        actor=moderator,
        action=ModerationAction.Action.FLAGGER_TRUST,
        member=member,
        reason=name,
        note=email_domain,
    )
    return flagger


@transaction.atomic
def flagger_remove(*, moderator, flagger):
    """Stop trusting an organisation's notices (the past notices keep their mark)."""
    require_moderator(moderator)
    flagger = TrustedFlagger.objects.select_for_update().get(pk=flagger.pk)
    if not flagger.active:
        raise ModerationConflict(Code.FLAGGER_NOT_TRUSTED, name=flagger.name)
    flagger.active = False
    flagger.save(update_fields=["active"])
    ModerationAction.objects.create(
        actor=moderator, action=ModerationAction.Action.FLAGGER_DISTRUST, reason=flagger.name
    )
    return flagger


def unfounded_count(notice):
    """Return how many notices from this notifier were decided with no action."""
    return notices_from(notice).filter(decision__action=Decision.Action.NO_ACTION).count()


def notices_from(notice):
    """Return every notice sent by the notifier of `notice` (by account, else e-mail)."""
    if notice.notifier_id:
        return Notice.objects.filter(notifier_id=notice.notifier_id)
    if notice.notifier_email:
        return Notice.objects.filter(notifier_email=notice.notifier_email)
    return Notice.objects.filter(pk=notice.pk)


@transaction.atomic
def notifier_suspend(*, moderator, notice, days, reason):
    """Suspend the notifier of `notice` from notifying for `days` (Art. 23); return the record."""
    require_moderator(moderator)
    reason = (reason or "").strip()[:500]
    if not reason:
        raise ModerationError(Code.NOTIFIER_SUSPENSION_REASON_MISSING)
    if not days or days < 1:
        raise ModerationError(Code.END_IN_PAST)
    suspension = NotifierSuspension.objects.create(
        email=notice.notifier_email,
        member_id=notice.notifier_id,
        until=timezone.now() + timedelta(days=days),
        reason=reason,
        unfounded_count=unfounded_count(notice),
        created_by=moderator,
    )
    rollups.count(rollups.Metric.NOTIFIER_SUSPENSIONS)
    ModerationAction.objects.create(
        actor=moderator,
        action=ModerationAction.Action.NOTIFIER_SUSPEND,
        member_id=notice.notifier_id,
        reason=f"Notifier of {notice.reference}, {days} days"[:200],
        note=reason,
    )
    mail.tell(
        notice.notifier_email,
        _("You can’t send notices for a while"),
        "forum/notices/email/notifier_suspended.txt",
        {"suspension": suspension},
        language=mail.language_of(notice.notifier),
    )
    return suspension
