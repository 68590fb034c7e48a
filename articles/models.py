import math

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from forum.fulltext import SEARCH_CONFIG, StoredSearchVector
from forum.markdown import render_markdown
from forum.models import StoredMarkup

WORDS_PER_MINUTE = 230
# "Read next" ranks by shared topics among this many of the newest articles sharing one.
RELATED_WINDOW = 50
# A BCP 47 language tag as HTML's lang takes it: en, ko, pt-BR, zh-Hant.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class Topic(models.Model):
    """A subject hub grouping articles (North Korea, Nuclear weapons, ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles readers may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """Return published articles with what a list shows, newest first, in few queries."""
        return (
            self.published()
            .select_related("thread")
            .prefetch_related("topics")
            .order_by("-published_at", "-pk")
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # Only search's SQL reads the search vector (see forum.models.threads.CommentManager).
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    """A published piece that ends with an Invitation for Discussion."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(
        blank=True, help_text=_("One or two sentences under the headline")
    )
    byline = models.CharField(max_length=200, blank=True)
    body = MarkdownxField()
    body_html = models.TextField(editable=False, blank=True)
    body_markup = StoredMarkup("body_html")
    invitation = MarkdownxField(
        _("invitation for discussion"), help_text=_("The question put to readers (Markdown)")
    )
    invitation_html = models.TextField(editable=False, blank=True)
    invitation_markup = StoredMarkup("invitation_html")
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("A future time schedules the article")
    )
    # The language the article is written in, whatever the reader's interface language.
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(LANGUAGE_TAG, _("Enter a language code such as en or ko."))],
        help_text=_("The article's language, such as en, ko or pt-BR; empty for the site's."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Background piece shipped with the software"),
    )
    thread = models.OneToOneField(
        "forum.Thread", null=True, blank=True, on_delete=models.PROTECT, related_name="article"
    )
    # Title weighs most, then the standfirst, then the body. Kept current by the database on
    # every write; GIN-indexed on PostgreSQL by the *_search_vector migration, NULL on SQLite.
    search_vector = models.GeneratedField(
        expression=StoredSearchVector(
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The stored HTML is always the output of the one sanitizing renderer.
        self.body_html = render_markdown(self.body, user_content=False)
        self.invitation_html = render_markdown(self.invitation, user_content=False)
        words = len(self.body.split()) + len(self.invitation.split())
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @property
    def content_language(self):
        """Return the language the article is written in (the site's when it names none)."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def has_italics(self):
        """Tell whether the article sets words in italics (the serif's italic face)."""
        return "<em>" in self.body_html or "<em>" in self.invitation_html

    @property
    def is_visible(self):
        """Return whether readers may see the article now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def comment_count(self):
        return self.thread.comment_count if self.thread_id else 0

    def related_articles(self, limit=5):
        """Return up to `limit` published articles to read next.

        The editor's explicit choices come first in their order, then the articles sharing
        the most topics with this one, then the most recent. Only the newest RELATED_WINDOW
        articles sharing a topic are ranked, found by a backward scan of the date index that
        stops there: the cost does not grow with the archive (over 100,000 articles it was
        about 420 ms when every article was grouped and counted; it is a few now).
        """
        others = (
            Article.objects.published()
            .exclude(pk=self.pk)
            # What a "read next" link shows.
            .only("title", "slug", "published_at", "language")
        )
        chosen = list(
            others.filter(related_from__article=self).order_by(
                "related_from__position", "related_from__pk"
            )[:limit]
        )
        if len(chosen) == limit:
            return chosen
        found = chosen
        newest = others.order_by("-published_at", "-pk")
        topic_ids = [topic.pk for topic in self.topics.all()]
        if topic_ids:
            shares_topic = Exists(
                Article.topics.through.objects.filter(article=OuterRef("pk"), topic__in=topic_ids)
            )
            window = newest.filter(shares_topic).values("pk")[:RELATED_WINDOW]
            found += (
                others.filter(pk__in=window)
                .exclude(pk__in=[article.pk for article in found])
                .annotate(shared=Count("topics", filter=Q(topics__in=topic_ids), distinct=True))
                .order_by("-shared", "-published_at", "-pk")[: limit - len(found)]
            )
        if len(found) < limit:  # a young site, or an article without topics
            found += newest.exclude(pk__in=[article.pk for article in found])[: limit - len(found)]
        return found


class Reference(models.Model):
    """A source cited by an article, in the article's order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class RelatedArticle(models.Model):
    """An editor's explicit "read next" link from one article to another."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_from")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="unique_related_article"),
            models.CheckConstraint(
                condition=~Q(article=models.F("target")), name="related_article_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.target}"


class Page(models.Model):
    """A standing page of the site, such as the community guidelines."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    body = MarkdownxField()
    body_html = models.TextField(editable=False, blank=True)
    body_markup = StoredMarkup("body_html")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body, user_content=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:page", args=[self.slug])

    @property
    def has_italics(self):
        """Tell whether the page sets words in italics (the serif's italic face)."""
        return "<em>" in self.body_html
