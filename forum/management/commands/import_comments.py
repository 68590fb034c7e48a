"""manage.py import_comments --format disqus|wordpress|invitation FILE: bring an archive's
comments (docs/import-export.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from forum.imports.records import ImportFileError
from forum.imports.runner import FORMATS, count_comments, run_import


class Command(BaseCommand):
    help = (
        "Import the comments of a Disqus XML export, a WordPress WXR file or this site's own "
        "export. Running it again adds nothing twice and resumes an interrupted run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--skip-spam",
            action="store_true",
            help="Leave spam out (by default it is imported as rejected, for moderators).",
        )
        parser.add_argument(
            "--mapping",
            metavar="CSV",
            help="Lines of: the archive's thread (id, identifier or URL), this site's thread "
            "(key such as article:12, or path such as /articles/slug/).",
        )
        parser.add_argument("--report", metavar="JSON", help="Write the full report here.")
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        path, format = options["file"], options["format"]
        try:
            total = count_comments(format, path)
            bar = tqdm(
                total=total,
                unit=" comments",
                disable=options["no_progress"] or None,  # None: only on a terminal
                file=sys.stderr,
                dynamic_ncols=True,
            )
            with bar:
                report = run_import(
                    format=format,
                    path=path,
                    dry_run=options["dry_run"],
                    skip_spam=options["skip_spam"],
                    mapping_path=options["mapping"],
                    progress=bar.update,
                    batch_size=options["batch_size"],
                )
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {error.filename}") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as stream:
                json.dump(report.as_dict(), stream, ensure_ascii=False, indent=1)
