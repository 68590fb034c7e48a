"""manage.py grant_moderator <username>: let a member use the moderation desk."""

from forum.management.member_command import MemberCommand
from forum.moderation.services import moderator_grant


class Command(MemberCommand):
    help = (
        "Add a member to the Moderators group (created if missing), so they can use /moderation/."
    )

    def handle_member(self, member):
        if not moderator_grant(member=member):
            self.stdout.write(f"{member.username} is already a moderator; nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"{member.username} is now a moderator and can use /moderation/.")
        )
