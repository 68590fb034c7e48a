"""The base of the commands that act on one member, named by username."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class MemberCommand(BaseCommand):
    """Find the member named on the command line, then hand them to `handle_member`."""

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        self.handle_member(self.find_member(username))

    def find_member(self, username):
        """Return the member with this username, or stop the command with a clear message."""
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(
                f"No member has the username “{username}”. Check the spelling (usernames are "
                "case-sensitive) and try again."
            ) from None

    def handle_member(self, member):
        """Do the command's work for the member."""
        raise NotImplementedError
