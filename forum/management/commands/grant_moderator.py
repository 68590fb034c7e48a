"""manage.py grant_moderator <username>: let a member use the moderation desk."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from forum.moderation.services import moderator_grant


def find_member(username):
    """Return the member with this username, or stop the command with a clear message."""
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
        if not moderator_grant(member=member):
            self.stdout.write(f"{member.username} is already a moderator; nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"{member.username} is now a moderator and can use /moderation/.")
        )
