"""manage.py dsa_purge: delete the DSA's records older than DSA_RETENTION_DAYS."""

from django.core.management.base import BaseCommand

from forum.notices.retention import records_purge


class Command(BaseCommand):
    help = "Delete notices, statements of reasons and appeals kept past DSA_RETENTION_DAYS."

    def handle(self, *args, **options):
        notices, decisions = records_purge()
        self.stdout.write(f"Deleted {notices} notice rows and {decisions} statement rows.")
