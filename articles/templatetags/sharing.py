"""Template tags for sharing, previews and structured data. None of them queries the database
except `shared_comment`, and only when the page was opened from a comment's share link."""

from django import template
from django.conf import settings

from articles import seo, sharing
from forum.models import Comment

register = template.Library()


@register.simple_tag
def article_share(article):
    """Return the Share (canonical URL, text, links) of an article."""
    return sharing.article_share(article)


@register.simple_tag
def comment_share(comment, title):
    """Return the Share of a comment's permalink, quoting its start; costs no query."""
    return sharing.comment_share(comment, title)


@register.simple_tag
def article_json_ld(article, page_comments=()):
    """Return the article's JSON-LD graph as a safely escaped script element."""
    return seo.json_ld_script(seo.article_graph(article, page_comments or ()))


@register.filter
def summary(article, length=200):
    """Return an article's description: its standfirst, else the start of its text."""
    return seo.article_summary(article, int(length))


@register.filter
def excerpt(markdown, length=sharing.EXCERPT_LENGTH):
    """Return the start of a Markdown text as plain text."""
    return sharing.plain_excerpt(markdown, int(length))


@register.simple_tag
def absolute(path):
    """Return SITE_URL + path, the canonical form of a site URL."""
    return settings.SITE_URL + str(path)


@register.simple_tag(takes_context=True)
def article_social(context, article):
    """Return the Open Graph values of the article page (or of the comment shared from it)."""
    return seo.article_social(article, shared_comment(context, article))


def shared_comment(context, article):
    """Return the published comment named by ?comment=<id> on this article's page, if any.

    A comment's share link lands here (`/comments/<id>/` redirects with `?comment=<id>`),
    so link previews can show that comment's own image and text.
    """
    request = context.get("request")
    raw = request.GET.get("comment", "") if request else ""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18 or not article.thread_id:
        return None
    for comment in context.get("page_comments") or ():
        if comment.pk == int(raw):
            return comment if comment.is_published else None
    return (
        Comment.objects.published()
        .filter(pk=int(raw), thread_id=article.thread_id)
        .select_related("author")
        .first()
    )
