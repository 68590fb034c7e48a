"""manage.py revoke_moderator <username>: take the moderation desk away from a member."""

from forum.management.member_command import MemberCommand
from forum.moderation.services import moderator_revoke


class Command(MemberCommand):
    help = "Remove a member from the Moderators group."

    def handle_member(self, member):
        if not moderator_revoke(member=member):
            self.stdout.write(f"{member.username} wasn’t a moderator; nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{member.username} is no longer a moderator."))
        if member.is_staff or member.is_superuser:
            self.stdout.write(
                self.style.WARNING(
                    f"{member.username} is staff, so they can still moderate. "
                    "Remove staff status in the admin to stop that."
                )
            )
