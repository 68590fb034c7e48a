"""Who moderates: the Moderators group, staff and superusers, and the badge their comments show."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from forum.errors import NotAllowed
from forum.refusals import Code

MODERATORS_GROUP = "Moderators"


def moderators_group():
    """Return the "Moderators" group, creating it if missing (membership is the whole role)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    return group


def memberships():
    """Return the rows that put members in the "Moderators" group: the group's one definition."""
    return get_user_model().groups.through.objects.filter(group__name=MODERATORS_GROUP)


@functools.cache
def memberships_sql():
    """Return (sql, params) selecting the `user_id` of `memberships()`, for queries written in SQL.

    Compiled once per process: it names no user, and compiling costs more than the query.
    """
    sql, params = memberships().values("user_id").query.sql_with_params()
    return sql, tuple(params)


def is_in_moderators_group(user):
    """Return whether the user belongs to the "Moderators" group (staff aside)."""
    return memberships().filter(user_id=user.pk).exists()


def is_moderator(user):
    """Return whether the user may use the moderation desk.

    Staff and superusers moderate; so does every member of the "Moderators" group unless
    banned or suspended. The answer is cached on the user object for the request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_moderator_cache", None)
    if cached is not None:
        return cached
    # Uses prefetched groups when the caller prefetched them (no query then).
    answer = _moderates(
        user, lambda: any(group.name == MODERATORS_GROUP for group in user.groups.all())
    )
    user._is_moderator_cache = answer
    return answer


def _moderates(user, in_group):
    """Return whether `user` moderates; `in_group()` says whether they are in the group."""
    barred = getattr(user, "is_banned", False) or getattr(user, "is_suspended", False)
    if not user.is_active or barred:
        return False
    return user.is_staff or user.is_superuser or in_group()


def settle_moderators(users):
    """Decide `is_moderator` for many users at once: one query, none if staff status settles it."""
    open_ = [
        user
        for user in users
        if user is not None
        and user.is_authenticated
        and getattr(user, "_is_moderator_cache", None) is None
    ]
    asked = [user.pk for user in open_ if not (user.is_staff or user.is_superuser)]
    members = set()
    if asked:
        members = set(memberships().filter(user_id__in=asked).values_list("user_id", flat=True))
    for user in open_:
        user._is_moderator_cache = _moderates(user, lambda user=user: user.pk in members)


def settle_moderator(user, *, in_group):
    """Decide `is_moderator` for `user`, whose membership of the group is already known."""
    user._is_moderator_cache = _moderates(user, lambda: in_group)


def moderator_role(user):
    """Return the badge for a member's comments: "Staff", "Moderator" or ""."""
    if user is None or not is_moderator(user):
        return ""
    return "Staff" if user.is_staff or user.is_superuser else "Moderator"


def require_moderator(user):
    """Raise NotAllowed (a PermissionDenied) unless `user` may use the moderation desk."""
    if not is_moderator(user):
        raise NotAllowed(Code.MODERATORS_ONLY)
