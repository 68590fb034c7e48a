"""Load the site's published content (topics, articles, pages) from Markdown files.

    manage.py load_content [DIR]

DIR (default: articles/content/ in the project) holds:

    topics.yml          a YAML list of {slug, name, description}
    articles/<slug>.md  one article per file: YAML front matter, then the Markdown body
    pages/<slug>.md     one standing page per file: front matter {title, slug}, then the body

Every file is read and checked before anything is written, and the writes happen in one
transaction: a single mistake in any file leaves the database exactly as it was. Items are
matched by slug, so running the command again only saves what changed. Items that exist in
the database but not in the files are left alone.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.loader.reading import check_cross_references, read_content
from articles.loader.writing import CREATED, UNCHANGED, UPDATED, write_content


class Command(BaseCommand):
    help = "Create or update topics, articles and pages from Markdown files with front matter."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            help="Content directory (default: articles/content/ in the project)",
        )

    def handle(self, *args, directory=None, **options):
        root = Path(directory) if directory else Path(settings.BASE_DIR) / "articles" / "content"
        if not root.is_dir():
            raise CommandError(f"{root}: no such content directory.")

        content, problems = read_content(root)
        check_cross_references(content, problems)
        if problems:
            raise CommandError(
                "Nothing was loaded; fix these problems and run the command again:\n  "
                + "\n  ".join(problems.messages)
            )

        with transaction.atomic():
            results = write_content(content)

        for kind, slug, outcome in results:
            self.stdout.write(f"{outcome} {kind} {slug}")
        counts = {outcome: 0 for outcome in (CREATED, UPDATED, UNCHANGED)}
        for _kind, _slug, outcome in results:
            counts[outcome] += 1
        self.stdout.write(
            f"{counts[CREATED]} created, {counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged"
        )
