"""manage.py imports_erase_emails: erase imported guests' e-mail addresses kept longer than
IMPORT_EMAIL_KEEP_DAYS (run it daily, beside dsa_purge)."""

from django.core.management.base import BaseCommand

from forum.imports.guests import guests_erase_emails


class Command(BaseCommand):
    help = (
        "Erase the e-mail addresses of imported guest authors once claiming no longer needs them."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{guests_erase_emails()} e-mail addresses erased.")
