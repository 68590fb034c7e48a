"""Finding things: site search over articles and comments, and the most discussed articles.

Search uses PostgreSQL full-text search (web-search syntax, weighted ranking, highlighted
snippets) when the database is PostgreSQL, and a plain case-insensitive match on SQLite.
The match and the ranking read the vectors the database stores and GIN-indexes with each row
(`search_vector`). Only the newest RANKED_MATCHES matches are ranked, and matches are counted
no further than one more ("more than 1,000"), as large sites do: ranking or counting every
match of a common word would grow with the site. Snippets are computed for the page shown.
"""

import re
import secrets
from datetime import timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.models import Article
from articles.sharing import plain_text
from forum.fulltext import SEARCH_CONFIG
from forum.models import Comment

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
RANKED_MATCHES = 1_000  # the newest matches a search ranks; more are "more than 1,000"
SNIPPET_CHARS = 220
MOST_DISCUSSED_DAYS = 7
MOST_DISCUSSED_LIMIT = 5
# The site-wide ranking counts every recent comment of the site: shared by all pages and
# readers for this long instead of counted on every page.
MOST_DISCUSSED_SECONDS = 60
MOST_DISCUSSED_KEY = "most-discussed:site"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w[\w'’-]*")


def clean_query(raw):
    """Return the search text as typed, without control characters, at most 200 characters."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def full_text_available():
    return connection.vendor == "postgresql"


# Highlighting ----------------------------------------------------------------------


def _sentinels():
    # Letters and digits only, so escaping and the Markdown stripping leave them intact.
    token = secrets.token_hex(6)
    return f"qhs{token}x", f"qhe{token}x"


def mark_sentinels(text, start, stop):
    """Return text escaped for HTML, with the matches between sentinels in `<mark>`."""
    html = escape(text)
    html = html.replace(start, "<mark>").replace(stop, "</mark>")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own <mark> tags added)


def mark_words(text, words, length=SNIPPET_CHARS):
    """Return an escaped excerpt of text around the first match, the words in `<mark>`."""
    text = plain_text(text)
    if not words:
        return escape(Truncator(text).chars(length))
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(text)
    begin = max(0, first.start() - length // 3) if first else 0
    window = text[begin : begin + length]
    if begin:
        window = "…" + window.split(" ", 1)[-1]
    if begin + length < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    return mark_safe("".join(parts))  # noqa: S308  (every piece escaped above)


# Search ----------------------------------------------------------------------------


class SearchResults:
    """Querysets of matching articles and comments, and how to draw a page of each."""

    def __init__(self, query):
        self.query = query
        self.words = _WORD.findall(query)[:MAX_WORDS]
        self.full_text = full_text_available()
        self.start, self.stop = _sentinels()

    def articles(self):
        """Return the matching articles, best first (the newest RANKED_MATCHES ranked)."""
        matches = self.article_matches()
        if self.full_text and self.words:
            return self._ranked(
                matches,
                Concat("standfirst", Value(" "), "body", output_field=TextField()),
                newest_first="-published_at",
            )
        return matches

    def comments(self):
        """Return the matching comments, best first (the newest RANKED_MATCHES ranked)."""
        matches = self.comment_matches()
        if self.full_text and self.words:
            return self._ranked(matches, "body", newest_first="-created_at")
        return matches

    def count(self, matches):
        """Return how many rows `matches` holds, counting no further than RANKED_MATCHES + 1."""
        return matches.order_by()[: RANKED_MATCHES + 1].count()

    def article_matches(self):
        """Return the published articles that match, in no particular order on PostgreSQL."""
        base = Article.objects.published().prefetch_related("topics").select_related("thread")
        if not self.words:
            return base.none()
        if self.full_text:
            return base.filter(search_vector=self._search_query())
        matches = Q()
        title_hits = []
        for word in self.words:
            matches &= (
                Q(title__icontains=word) | Q(standfirst__icontains=word) | Q(body__icontains=word)
            )
            title_hits.append(When(title__icontains=word, then=Value(1)))
        title_score = sum(
            (Case(hit, default=Value(0), output_field=IntegerField()) for hit in title_hits),
            Value(0),
        )
        return (
            base.filter(matches)
            .annotate(rank=title_score)
            .order_by("-rank", "-published_at", "-pk")
        )

    def comment_matches(self):
        """Return the published comments that match, in no particular order on PostgreSQL."""
        base = Comment.objects.published().on_visible_threads().select_related("author", "thread")
        if not self.words:
            return base.none()
        if self.full_text:
            return base.filter(search_vector=self._search_query())
        matches = Q()
        for word in self.words:
            matches &= Q(body__icontains=word)
        return base.filter(matches).order_by("-created_at", "-pk")

    def _ranked(self, matches, document, *, newest_first):
        """Return the newest RANKED_MATCHES `matches`, best first, with a headline of `document`."""
        query = self._search_query()
        return RankedMatches(
            matches.defer("search_vector"),
            rank=SearchRank(F("search_vector"), query),
            headline=self._headline(document, query),
            newest_first=newest_first,
        )

    def _search_query(self):
        return SearchQuery(self.query, search_type="websearch", config=SEARCH_CONFIG)

    def _headline(self, expression, query):
        return SearchHeadline(
            expression,
            query,
            config=SEARCH_CONFIG,
            start_sel=self.start,
            stop_sel=self.stop,
            max_words=40,
            min_words=20,
            short_word=3,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def snippet(self, obj, text):
        """Return the highlighted, escaped snippet of one result."""
        headline = getattr(obj, "headline", None)
        if headline is not None:
            return mark_sentinels(plain_text(headline), self.start, self.stop)
        return mark_words(text, self.words)


class RankedMatches:
    """The newest RANKED_MATCHES matches, best first, read one page (slice) at a time.

    The newest matches come from an index in date order (or the GIN index for a rare word)
    and stop at the limit, so only they are ranked, whatever the number of matches. They are
    ranked where they are picked, from the vector the scan has read already, and only the
    page's rows are then fetched whole, joined and given a headline: a common word costs
    RANKED_MATCHES ranks, not RANKED_MATCHES whole rows.
    """

    def __init__(self, matches, *, rank, headline, newest_first):
        self.matches = matches
        self.rank = rank
        self.headline = headline
        self.newest_first = newest_first

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        offset = window.start or 0
        limit = (RANKED_MATCHES if window.stop is None else window.stop) - offset
        rows = (
            self.matches.filter(pk__in=self._page_ids(offset, max(limit, 0)))
            .annotate(rank=self.rank, headline=self.headline)
            .order_by("-rank", self.newest_first, "-pk")
        )
        return list(rows)

    def _page_ids(self, offset, limit):
        newest = (
            self.matches.order_by(self.newest_first, "-pk")
            .annotate(found=F("pk"), found_rank=self.rank, found_at=F(self.newest_first[1:]))
            .values("found", "found_rank", "found_at")[:RANKED_MATCHES]
        )
        # The SQL is Django's own compilation of the query above; every value is a parameter.
        sql, params = newest.query.sql_with_params()
        return RawSQL(  # noqa: S611
            f"SELECT found FROM ({sql}) AS newest"  # noqa: S608
            " ORDER BY found_rank DESC, found_at DESC, found DESC LIMIT %s OFFSET %s",
            (*params, limit, offset),
        )


# Most discussed ----------------------------------------------------------------------


def most_discussed(articles=None, *, days=MOST_DISCUSSED_DAYS, limit=MOST_DISCUSSED_LIMIT):
    """Return the published articles with the most published comments lately (one query)."""
    articles = Article.objects.all() if articles is None else articles
    since = timezone.now() - timedelta(days=days)
    recent = Count(
        "thread__comments",
        filter=Q(
            thread__comments__status=Comment.Status.PUBLISHED,
            thread__comments__created_at__gte=since,
        ),
    )
    return list(
        articles.published()
        .annotate(recent_comments=recent)
        .filter(recent_comments__gt=0)
        .only("title", "slug", "published_at", "language")
        .order_by("-recent_comments", "-published_at", "-pk")[:limit]
    )


def most_discussed_on_site(*, exclude=None, limit=MOST_DISCUSSED_LIMIT):
    """Return the site's most discussed articles but `exclude`, from a ranking cached a minute."""
    ranking = cache.get(MOST_DISCUSSED_KEY)
    if ranking is None:
        # One more than shown, so that a page can leave its own article out.
        ranking = most_discussed(limit=limit + 1)
        cache.set(MOST_DISCUSSED_KEY, ranking, MOST_DISCUSSED_SECONDS)
    return [article for article in ranking if article.pk != exclude][:limit]
