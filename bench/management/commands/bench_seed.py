"""Seed the benchmark's threads and print what was made as JSON (bench.settings only)."""

import json

from django.core.management.base import BaseCommand, CommandError

from bench.seed import seed_site


class Command(BaseCommand):
    help = "Seed threads of the given sizes in bulk and print their URLs and a session as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--threads", default="0,10,1000,10000", help="comma-separated sizes")
        parser.add_argument("--site-total", type=int, default=0, help="comments in the site")

    def handle(self, *args, threads, site_total, **options):
        sizes = [int(size) for size in threads.split(",") if size]
        try:
            made = seed_site(sizes, site_total)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(made))
