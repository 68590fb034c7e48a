"""Post comments to one thread at a steady rate through the forum's own service (bench only).

The benchmark runs it beside the load on that thread: each comment goes through the real
write path (checks, transaction, the lifecycle's event on commit), so the page cache's
tokens are bumped exactly as a member's post bumps them.
"""

import json
import signal
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import resolve

from accounts.models import User
from articles.models import Article
from bench.seed import MEMBER
from forum.comments import scoring
from forum.comments.transitions import comment_create


class Command(BaseCommand):
    help = "Post comments as the bench member to the thread of an article, N a second."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the article's path, e.g. /articles/bench-1000/")
        parser.add_argument("--rate", type=float, default=5.0, help="comments a second")
        parser.add_argument("--seconds", type=float, default=10.0, help="stop after this long")

    def handle(self, *args, path, rate, seconds, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        article = Article.objects.select_related("thread").get(slug=resolve(path).kwargs["slug"])
        member = User.objects.get(username=MEMBER)
        # Loaded at start, as the app servers load it (forum/asgi.py): seconds of CPU in the
        # first post would otherwise fall inside the load it runs beside, and stall the posts.
        if settings.TOXICITY_SCORING:
            scoring.model()
        # Its templates compiled, as an app server's are once it has served the page: this
        # process renders the page ahead after each post (forum/discussion/prerender.py).
        Client(HTTP_HOST=settings.ALLOWED_HOSTS[0]).get(path)
        # The load starts on this line: Django's start-up is no part of the posting time.
        self.stdout.write("ready")
        self.stdout.flush()
        outcomes = Counter()
        began = time.monotonic()
        posted = 0
        while not stopping and time.monotonic() - began < seconds:
            # On a fixed schedule: a slow post is followed by the next one at once.
            wait = began + posted / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                comment = comment_create(
                    author=member,
                    thread=article.thread,
                    body=f"Bench comment {posted}: the negotiators met again this week.",
                )
                outcomes[comment.status] += 1
            except Exception as error:  # a refusal is counted, and the load goes on
                outcomes[type(error).__name__] += 1
            posted += 1
        elapsed = time.monotonic() - began
        self.stdout.write(json.dumps({"outcomes": outcomes, "seconds": round(elapsed, 2)}))
