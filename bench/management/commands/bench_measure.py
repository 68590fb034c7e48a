"""Measure the benchmark's URLs in-process and print the figures as JSON (bench.settings only)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bench.measure import measure_all


class Command(BaseCommand):
    help = "Measure queries, render time and page weight of the targets listed in a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("targets", type=Path, help="JSON list of {name, path, member}")
        parser.add_argument("--session", default="", help="session key of the signed-in member")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, targets, session, host, repeat, **options):
        figures = measure_all(
            json.loads(targets.read_text()), session=session, host=host, repeat=repeat
        )
        self.stdout.write(json.dumps(figures))
