"""Members' trust levels, computed from their history: new, member, trusted.

A member is **new** with fewer than LINKS_TRUSTED_AFTER_COMMENTS (or PREMODERATE_FIRST_COMMENTS,
if larger) published comments or an
account younger than TRUST_MEMBER_AFTER_DAYS, **trusted** from TRUST_TRUSTED_AFTER_COMMENTS
published comments, and a **member** in between. A comment of theirs a moderator rejected
in the last TRUST_STRIKE_DAYS (a rejection, or the decision that upholds a report) lowers the
level by one at once. A moderator's override (`User.trust_override`) wins over all of it.

What a level changes lives in the phases (forum/comments/phases.py: a new member's links
and first comments are held) and in the count of reports (a trusted member's counts double).
Levels of many members are read with one query (`histories`), never one per comment.
"""

from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.models import Comment


class Level(IntEnum):
    NEW = 0
    MEMBER = 1
    TRUSTED = 2

    @property
    def code(self):
        return self.name.lower()

    @property
    def label(self):
        return {0: _("New"), 1: _("Member"), 2: _("Trusted")}[self.value]


CODES = {level.code: level for level in Level}


@dataclass(frozen=True)
class History:
    """What a level is computed from: published comments and recent rejections."""

    published: int = 0
    strikes: int = 0  # comments rejected by a moderator in the last TRUST_STRIKE_DAYS


def history_counts(now=None):
    """Return the aggregate expressions of a History, for `.values("author_id").annotate(...)`."""
    since = (now or timezone.now()) - timedelta(days=settings.TRUST_STRIKE_DAYS)
    return {
        "published": Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        "strikes": Count(
            "pk",
            filter=Q(
                status=Comment.Status.REJECTED,
                moderated_by__isnull=False,
                moderated_at__gte=since,
            ),
        ),
    }


def histories(author_ids):
    """Return {author id: History} for `author_ids`, in one query."""
    if not author_ids:
        return {}
    rows = (
        Comment.objects.filter(author_id__in=set(author_ids))
        .values("author_id")
        .annotate(**history_counts())
    )
    return {row["author_id"]: History(row["published"], row["strikes"]) for row in rows}


def standings(author_ids, now=None):
    """Return {author id: Standing} for `author_ids`, in one query (history and account)."""
    if not author_ids:
        return {}
    rows = (
        Comment.objects.filter(author_id__in=set(author_ids))
        .order_by()
        .values("author_id", "author__date_joined", "author__trust_override")
        .annotate(**history_counts(now))
    )
    return {
        row["author_id"]: standing(
            SimpleNamespace(
                trust_override=row["author__trust_override"],
                date_joined=row["author__date_joined"],
            ),
            History(row["published"], row["strikes"]),
            now,
        )
        for row in rows
    }


@dataclass(frozen=True)
class Standing:
    """A member's level and why, in words for moderators."""

    level: Level
    why: str

    @property
    def code(self):
        return self.level.code

    @property
    def label(self):
        return self.level.label


def standing(member, history, now=None):
    """Return the Standing of `member` given their History."""
    if member.trust_override in CODES:
        return Standing(CODES[member.trust_override], _("set by a moderator"))
    now = now or timezone.now()
    days = (now - member.date_joined).days
    published = history.published
    if published >= settings.TRUST_TRUSTED_AFTER_COMMENTS:
        level = Level.TRUSTED
    elif published >= _member_after() and days >= settings.TRUST_MEMBER_AFTER_DAYS:
        level = Level.MEMBER
    else:
        level = Level.NEW
    comments = ngettext(
        "%(count)d published comment", "%(count)d published comments", published
    ) % {"count": published}
    joined = ngettext("joined %(count)d day ago", "joined %(count)d days ago", days) % {
        "count": days
    }
    why = _("%(comments)s, %(joined)s") % {"comments": comments, "joined": joined}
    if history.strikes and level > Level.NEW:
        level = Level(level - 1)
        why += _("; lowered by %(strikes)d rejection(s) in the last %(window)d days") % {
            "strikes": history.strikes,
            "window": settings.TRUST_STRIKE_DAYS,
        }
    return Standing(level, why)


def _member_after():
    # Today's rules, as a level: first comments and links are held below these counts.
    return max(settings.LINKS_TRUSTED_AFTER_COMMENTS, settings.PREMODERATE_FIRST_COMMENTS)


def level_of(member):
    """Return the Level of one member (one query; use `histories` for many)."""
    return standing(member, histories([member.pk]).get(member.pk, History())).level


def report_weight(reporter_ids):
    """Return how much the reports of `reporter_ids` count towards hiding: 2 per trusted member."""
    found = histories(reporter_ids)
    members = get_user_model().objects.filter(pk__in=set(reporter_ids))
    return sum(
        2 if standing(member, found.get(member.pk, History())).level == Level.TRUSTED else 1
        for member in members
    )
