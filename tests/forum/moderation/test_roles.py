"""Who moderates: the Moderators group, staff, the badge, and the commands that grant it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from forum import roles
from forum.discussion.marks import reader_marks
from forum.models import (
    Comment,
)
from tests.factories import ModeratorFactory, UserFactory

Status = Comment.Status


class TestRoles:
    def test_is_moderator(self, db):
        assert roles.is_moderator(ModeratorFactory(username="m1"))
        assert roles.is_moderator(UserFactory(is_staff=True))
        assert not roles.is_moderator(UserFactory())
        assert not roles.is_moderator(ModeratorFactory(username="m3", is_active=False))
        banned = ModeratorFactory(username="m4")
        banned.banned_at = timezone.now()
        assert not roles.is_moderator(banned)

    def test_moderator_role_badge(self, db):
        assert roles.moderator_role(ModeratorFactory(username="m1")) == "Moderator"
        assert roles.moderator_role(UserFactory(is_staff=True)) == "Staff"
        assert roles.moderator_role(UserFactory()) == ""
        assert roles.moderator_role(None) == ""

    def test_grant_and_revoke_moderator(self, db):
        user = UserFactory(username="alice")
        out = StringIO()
        call_command("grant_moderator", "alice", stdout=out)
        assert "alice is now a moderator" in out.getvalue()
        assert Group.objects.filter(name="Moderators").exists()
        assert roles.is_moderator(type(user).objects.get(pk=user.pk))
        call_command("grant_moderator", "alice", stdout=out)
        assert "already a moderator" in out.getvalue()
        call_command("revoke_moderator", "alice", stdout=out)
        assert "no longer a moderator" in out.getvalue()
        assert not roles.is_moderator(type(user).objects.get(pk=user.pk))

    def test_commands_create_the_group_when_missing(self, db):
        UserFactory(username="bob")
        Group.objects.filter(name="Moderators").delete()
        call_command("revoke_moderator", "bob", stdout=StringIO())
        assert Group.objects.filter(name="Moderators").exists()

    @pytest.mark.parametrize("command", ["grant_moderator", "revoke_moderator"])
    def test_unknown_user_gets_a_clear_message(self, db, command):
        with pytest.raises(CommandError, match="No member has the username “ghost”"):
            call_command(command, "ghost", stdout=StringIO())


def _people():
    """Return one of each: a group member, staff, a member, a suspended group member, a group
    member in another group too, and an inactive group member."""
    other = Group.objects.create(name="Editors")
    both = ModeratorFactory(username="both")
    both.groups.add(other)
    suspended = ModeratorFactory(username="away")
    suspended.suspended_until = timezone.now() + timedelta(days=1)
    suspended.save()
    return [
        ModeratorFactory(username="grouped"),
        UserFactory(username="staff", is_staff=True),
        UserFactory(username="plain"),
        suspended,
        both,
        ModeratorFactory(username="gone", is_active=False),
    ]


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_every_form_of_the_moderator_check_agrees(db, thread):
    """`is_moderator` (Python, over the user's groups), `settle_moderators` (the ORM) and
    `reader_marks` (SQL written by hand) all read the group from `roles.memberships()`."""
    people = _people()
    expected = {user.username: roles.is_moderator(_fresh(user)) for user in people}
    assert expected == {
        "grouped": True,
        "staff": True,
        "plain": False,
        "away": False,
        "both": True,
        "gone": False,
    }
    in_group = set(roles.memberships().values_list("user__username", flat=True))
    assert in_group == {"grouped", "away", "both", "gone"}
    assert {u.username for u in people if roles.is_in_moderators_group(u)} == in_group
    settled = [_fresh(user) for user in people]
    roles.settle_moderators(settled)
    assert {u.username: roles.is_moderator(u) for u in settled} == expected
    for user in people:
        reader = _fresh(user)
        reader_marks(reader, thread, [])
        assert roles.is_moderator(reader) is expected[user.username], user.username
