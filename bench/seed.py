"""Seed a benchmark database: articles whose threads hold N comments each, in bulk.

Each thread has the shape of a busy discussion: 30% top-level comments, replies down to
depth 3, bodies of 200-600 characters. Comments beyond the threads' sum (up to the site
total) go to one filler thread, so that site-wide search has that many to scan.
Run through `manage.py bench_seed` with bench.settings.
"""

import random
import time
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Reference
from articles.services import article_sync_thread
from forum.markdown import MAX_COMMENT_LENGTH, render_markdown
from forum.models import Comment, Thread

BATCH = 2000
AUTHORS = 200
BODY_POOL = 400
TOP_LEVEL_SHARE = 0.3
MAX_DEPTH = 3
RECENT_PARENTS = 300  # replies go to recent comments, as in a live thread
SEARCH_WORD = "sanctions"  # in about half the bodies: a search with many matches
MEMBER = "benchmember"

SENTENCES = [
    "The summit produced a statement but no timetable, which is the part that matters.",
    "I read the piece twice and still think the author underrates the role of Beijing.",
    "Verification has always been the sticking point; nobody wants to go first.",
    "My grandfather served near the border and he never believed a deal was possible.",
    "The sanctions regime leaks at the edges, and everyone involved knows where.",
    "A freeze in exchange for partial relief looks modest, yet it would be a real step.",
    "Satellite images only tell you so much about what happens inside a mountain.",
    "Domestic politics on both sides make any concession look like weakness.",
    "Look at the timeline: every test followed a diplomatic setback within weeks.",
    "The comparison with the Cold War is tempting but the economics are very different.",
    "Seoul's position gets too little attention in coverage like this.",
    "Trade figures suggest enforcement of the sanctions has weakened since 2020.",
    "Deterrence worked for decades; I do not see why it would stop working now.",
    "Could someone explain what the phase one agreement actually changed?",
    "The article is fair, though the headline promises more than the text delivers.",
    "Export controls on chips may matter more in the long run than any summit.",
]
FLOURISHES = ["*Really*, ", "**Note:** ", "", "", "", ""]


def make_bodies(rng):
    """Return a pool of (markdown, html) comment bodies of 200-600 characters."""
    bodies = []
    for _ in range(BODY_POOL):
        target = rng.randint(200, 600)
        text = rng.choice(FLOURISHES)
        while len(text.strip()) < target:
            text += rng.choice(SENTENCES) + (" " if rng.random() < 0.8 else "\n\n")
        text = text.strip()[:600]
        bodies.append((text, render_markdown(text, max_length=MAX_COMMENT_LENGTH)))
    return bodies


def make_authors():
    """Create the commenters and the signed-in member; return (authors, member)."""
    User.objects.bulk_create(
        [
            User(username=f"reader{n}", email=f"reader{n}@example.org", password="!")
            for n in range(AUTHORS)
        ]
    )
    authors = list(User.objects.filter(username__startswith="reader"))
    member = User.objects.create_user(MEMBER, f"{MEMBER}@example.org", "bench-password-0")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return authors, member


def session_for(user):
    """Return the key of a real signed-in session for the user, stored by the session engine."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def copy_article(source, slug):
    """Return a published copy of the source article, with its own thread."""
    topics = list(source.topics.all())
    references = list(source.references.all())
    article = Article.objects.get(pk=source.pk)
    article.pk = None
    article.thread = None
    article.slug = slug
    article.title = f"{source.title} ({slug})"
    article.save()
    article.topics.set(topics)
    Reference.objects.bulk_create(
        [
            Reference(article=article, position=r.position, title=r.title, url=r.url, note=r.note)
            for r in references
        ]
    )
    article_sync_thread(article=article)
    return article


def plan_thread(thread, count, *, rng, authors, bodies, start):
    """Return the thread's comments, unsaved, parents before children, grouped by depth."""
    levels = [[] for _ in range(MAX_DEPTH + 1)]
    open_parents = []  # comments that may still take a reply
    for n in range(count):
        body, body_html = rng.choice(bodies)
        comment = Comment(
            thread=thread,
            author=rng.choice(authors),
            body=body,
            body_html=body_html,
            created_at=start + timedelta(seconds=30 * n),
            score=int(rng.expovariate(0.3)),
        )
        if open_parents and rng.random() >= TOP_LEVEL_SHARE:
            parent = rng.choice(open_parents[-RECENT_PARENTS:])
            comment.parent = parent
            comment.root = parent.root or parent
            comment.depth = parent.depth + 1
        levels[comment.depth].append(comment)
        if comment.depth < MAX_DEPTH:
            open_parents.append(comment)
    return levels


def seed_thread(thread, count, **kwargs):
    """Insert the thread's comments in bulk, one depth at a time, and set its count."""
    for level in plan_thread(thread, count, **kwargs):
        # Inserting by depth gives every parent its primary key before its replies go in.
        Comment.objects.bulk_create(level, batch_size=BATCH)
    Thread.objects.filter(pk=thread.pk).update(comment_count=count)


def seed_site(sizes, site_total):
    """Create one article per thread size (plus the filler) and return what was made."""
    began = time.monotonic()
    rng = random.Random(10)  # the same site on every run
    bodies = make_bodies(rng)
    source = Article.objects.published().order_by("pk").first()
    if source is None:
        raise LookupError("No published article: run manage.py load_content first.")
    filler = max(0, site_total - sum(sizes))
    # Comments come 30 s apart: the longest thread's last one is posted now, none later.
    start = timezone.now() - timedelta(seconds=30 * max([*sizes, filler]))
    urls = {}
    with transaction.atomic():
        authors, member = make_authors()
        seed = dict(rng=rng, authors=authors, bodies=bodies, start=start)
        for size in sizes:
            article = copy_article(source, f"bench-{size}")
            seed_thread(article.thread, size, **seed)
            urls[size] = article.get_absolute_url()
        if filler:
            article = copy_article(source, "bench-filler")
            seed_thread(article.thread, filler, **seed)
        session = session_for(member)
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load: without statistics the planner guesses
        # thousands of rows per thread and scans the whole table instead of its indexes.
        cursor.execute("VACUUM ANALYZE")
    return {
        "articles": urls,
        "site_comments": sum(sizes) + filler,
        "member": MEMBER,
        "session": session,
        "search_word": SEARCH_WORD,
        "seconds": round(time.monotonic() - began, 1),
    }
