"""The articles in the JSON API: a page of published articles, and one article."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from pydantic import Field

from articles.models import Article
from forum.api import schemas
from forum.api.auth import reader
from forum.api.shaping import absolute, thread_out

router = Router(tags=["articles"])

PER_PAGE = 20


class ArticleSummary(Schema):
    slug: str
    title: str
    standfirst: str
    byline: str
    published_at: str
    url: str
    topics: list[str]
    comment_count: int
    thread: schemas.Thread | None


class ArticleDetail(ArticleSummary):
    body_html: str
    invitation_html: str
    reading_minutes: int


class ArticleList(Schema):
    page: int
    pages: int
    count: int
    articles: list[ArticleSummary]


class ArticlesQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)


def _summary(article):
    return {
        "slug": article.slug,
        "title": article.title,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "published_at": article.published_at.isoformat(),
        "url": absolute(article.get_absolute_url()),
        "topics": [topic.name for topic in article.topics.all()],
        "comment_count": article.comment_count,
        "thread": thread_out(article.thread) if article.thread_id else None,
    }


@router.get("/", response={200: ArticleList, 400: schemas.Error, 401: schemas.Error})
def article_list(request, query: Query[ArticlesQuery]):
    """Return a page (20) of published articles, newest first, with their comment counts."""
    reader(request)
    page = Paginator(Article.objects.for_listing(), PER_PAGE).get_page(query.page)
    return {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "articles": [_summary(article) for article in page],
    }


@router.get(
    "/{slug}/",
    response={200: ArticleDetail, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def article_detail(request, slug: str = Path(..., pattern=schemas.SLUG)):
    """Return a published article: its text as HTML, its invitation and its thread."""
    reader(request)
    article = get_object_or_404(Article.objects.for_listing(), slug=slug)
    return {
        **_summary(article),
        "body_html": article.body_html,
        "invitation_html": article.invitation_html,
        "reading_minutes": article.reading_minutes,
    }
