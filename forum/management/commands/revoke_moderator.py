"""manage.py revoke_moderator <username>: take the moderation desk away from a member."""

from django.core.management.base import BaseCommand

from forum.management.commands.grant_moderator import find_member, moderators_group


class Command(BaseCommand):
    help = "Remove a member from the Moderators group."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        member = find_member(username)
        group = moderators_group()
        if not member.groups.filter(pk=group.pk).exists():
            self.stdout.write(f"{member.username} wasn’t a moderator; nothing changed.")
        else:
            member.groups.remove(group)
            self.stdout.write(self.style.SUCCESS(f"{member.username} is no longer a moderator."))
        if member.is_staff or member.is_superuser:
            self.stdout.write(
                self.style.WARNING(
                    f"{member.username} is staff, so they can still moderate. "
                    "Remove staff status in the admin to stop that."
                )
            )
