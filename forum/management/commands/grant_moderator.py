"""manage.py grant_moderator <username>: let a member use the moderation desk."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from forum.moderation.roles import MODERATORS_GROUP

# What a moderator does, in Django's permission vocabulary (for the admin and for reports).
MODERATOR_PERMISSIONS = [
    ("forum", "view_comment"),
    ("forum", "change_comment"),
    ("forum", "view_thread"),
    ("forum", "change_thread"),
    ("forum", "view_report"),
    ("forum", "change_report"),
    ("forum", "view_wordrule"),
    ("forum", "add_wordrule"),
    ("forum", "delete_wordrule"),
    ("forum", "view_moderatornote"),
    ("forum", "add_moderatornote"),
    ("forum", "view_moderationaction"),
    ("forum", "add_moderationaction"),
    ("accounts", "view_user"),
]


def moderators_group():
    """Return the "Moderators" group, creating it with its permissions if missing."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    wanted = Permission.objects.none()
    for app_label, codename in MODERATOR_PERMISSIONS:
        wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*wanted)
    return group


def find_member(username):
    User = get_user_model()
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(
            f"No member has the username “{username}”. Check the spelling (usernames are "
            "case-sensitive) and try again."
        ) from None


class Command(BaseCommand):
    help = (
        "Add a member to the Moderators group (created if missing), so they can use /moderation/."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        member = find_member(username)
        group = moderators_group()
        if member.groups.filter(pk=group.pk).exists():
            self.stdout.write(f"{member.username} is already a moderator; nothing changed.")
            return
        member.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"{member.username} is now a moderator and can use /moderation/.")
        )
