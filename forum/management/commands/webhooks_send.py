"""manage.py webhooks_send: send every webhook delivery that is due (the outbox's sweep)."""

from django.core.management.base import BaseCommand

from forum.webhooks.sending import send_due


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are due: retries whose time has come and any whose "
        "task was lost or whose worker died mid-send. Safe to run beside the task workers."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Attempted {send_due()} deliveries.")
