"""Who moderates: the Moderators group, staff, the badge, and the commands that grant it."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from forum.models import (
    Comment,
)
from forum.moderation import roles
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
