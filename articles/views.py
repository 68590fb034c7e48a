from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from articles.models import Article, Page, Topic
from forum.views import discussion_context

ARTICLES_PER_PAGE = 12
GUIDELINES_SLUG = "community-guidelines"


def home(request):
    """List the latest published articles."""
    page = Paginator(Article.objects.for_listing(), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "articles/article_list.html", {"page_obj": page})


def article_detail(request, slug):
    """Show an article with its references, related articles and discussion."""
    article = get_object_or_404(
        Article.objects.published()
        .select_related("thread")
        .prefetch_related("topics", "references"),
        slug=slug,
    )
    context = {"article": article, "related_articles": article.related_articles()}
    context.update(discussion_context(request, article.thread))
    return render(request, "articles/article_detail.html", context)


def topic_list(request):
    """List every topic hub."""
    return render(request, "articles/topic_list.html", {"topics": Topic.objects.all()})


def topic_detail(request, slug):
    """Show a topic hub: its description and its articles."""
    topic = get_object_or_404(Topic, slug=slug)
    page = Paginator(
        Article.objects.for_listing().filter(topics=topic), ARTICLES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "articles/topic_detail.html", {"topic": topic, "page_obj": page})


def page_detail(request, slug):
    """Show a standing page such as the community guidelines."""
    page = get_object_or_404(Page, slug=slug)
    return render(request, "articles/page_detail.html", {"page": page})


def guidelines(request):
    return redirect("articles:page", slug=GUIDELINES_SLUG, permanent=False)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /moderation/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the error may be in a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
