"""manage.py export_site [--output FILE]: the whole discussion as JSON lines
(docs/import-export.md); import it elsewhere with import_comments --format invitation."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from forum.imports.export import export_site


class Command(BaseCommand):
    help = "Write every thread, comment, guest author and decision as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, **options):
        if not options["output"]:
            export_site(sys.stdout, site_url=settings.SITE_URL)
            return
        with open(options["output"], "w", encoding="utf-8") as stream:
            lines = export_site(stream, site_url=settings.SITE_URL)
        self.stderr.write(f"{lines} lines written to {options['output']}.")
