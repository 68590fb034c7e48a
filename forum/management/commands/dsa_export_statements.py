"""manage.py dsa_export_statements [--since DATE] [--output FILE]: statements of reasons as
JSON lines in the shape of the EU DSA Transparency Database's API; sends nothing anywhere.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from forum.models import Decision
from forum.notices.export import statements_jsonl


class Command(BaseCommand):
    help = "Write the statements of reasons as JSON lines (standard output, or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only decisions on or after this date (YYYY-MM-DD).")
        parser.add_argument("--output", help="The file to write (default: standard output).")

    def handle(self, *args, since=None, output=None, **options):
        decisions = Decision.objects.order_by("created_at", "pk")
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError("--since takes a date: YYYY-MM-DD.") from None
            decisions = decisions.filter(created_at__date__gte=day)
        lines = statements_jsonl(decisions)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")
