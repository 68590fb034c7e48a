"""Granting and revoking moderator rights goes through one service that writes the audit log."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from forum import roles
from forum.models import ModerationAction
from forum.moderation import services as ms
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_commands_log_grant_and_revoke():
    alice = UserFactory(username="alice")
    call_command("grant_moderator", "alice", stdout=StringIO())
    call_command("grant_moderator", "alice", stdout=StringIO())  # nothing changes, no entry
    call_command("revoke_moderator", "alice", stdout=StringIO())
    entries = list(ModerationAction.objects.order_by("pk").values_list("action", "actor", "member"))
    assert entries == [("moderator_grant", None, alice.pk), ("moderator_revoke", None, alice.pk)]
    assert [e.get_action_display() for e in ModerationAction.objects.order_by("pk")] == [
        "Granted moderator rights",
        "Revoked moderator rights",
    ]


def test_moderators_group_grants_no_django_permissions():
    call_command("grant_moderator", UserFactory().username, stdout=StringIO())
    assert not roles.moderators_group().permissions.exists()


def test_only_superusers_grant_from_the_site(member):
    moderator = UserFactory(username="mod")
    moderator.groups.add(roles.moderators_group())
    with pytest.raises(PermissionDenied):
        ms.moderator_grant(member=member, actor=moderator)
    assert not roles.is_in_moderators_group(member)
    root = UserFactory(is_superuser=True, is_staff=True)
    assert ms.moderator_grant(member=member, actor=root)
    assert ModerationAction.objects.get().actor == root
