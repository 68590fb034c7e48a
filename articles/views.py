from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import parse_etags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles import og_image, sharing
from articles.discovery import (
    MAX_QUERY_LENGTH,
    RANKED_MATCHES,
    SearchResults,
    clean_query,
    most_discussed,
    most_discussed_on_site,
)
from articles.models import Article, Page, Topic
from forum.discussion import member_pages, sections
from forum.discussion.reading import SORTS
from forum.discussion.views import discussion_context
from forum.models import Comment
from forum.platform.pagecache import PATH, cache_anonymous_page, object_id, page_number
from forum.platform.sharedparts import SharedParts

ARTICLES_PER_PAGE = 12
# Seconds an anonymous page may stay in the shared cache; every change readers would see
# invalidates it sooner (forum.platform.pagecache). Listings show comment counts of many threads.
PAGE_TIMEOUT = 600
LISTING_TIMEOUT = 120
# In the shared article body, where each request puts the thread's comment count.
COMMENT_COUNT_SLOT = "<!--comment-count-->"
ARTICLE_PARAMS = {
    "sort": SORTS.__contains__,
    "page": page_number,
    "comment": object_id,
    "thread": object_id,
}
GUIDELINES_SLUG = "community-guidelines"


def _listing_page(request, articles):
    """Return the page of `articles` that `?page=` asks for; raise Http404 past the end.

    A page past the end would be rendered as the last one, and stored once for each number.
    """
    paginator = Paginator(articles, ARTICLES_PER_PAGE)
    value = request.GET.get("page")
    if value is not None and page_number(value) and int(value) > paginator.num_pages:
        raise Http404(gettext("No such page of articles."))
    return paginator.get_page(value)


@cache_anonymous_page(timeout=LISTING_TIMEOUT, params={"page": page_number})
def home(request):
    """List the latest published articles."""
    page = _listing_page(request, Article.objects.for_listing())
    return render(
        request,
        "articles/article_list.html",
        {"page_obj": page, "most_discussed": most_discussed_on_site()},
    )


@cache_anonymous_page(timeout=PAGE_TIMEOUT, scopes=(PATH,), params=ARTICLE_PARAMS)
def article_detail(request, slug):
    """Show an article with its references, related articles and discussion."""
    parts = SharedParts(reverse("articles:detail", args=[slug]))
    # A member's page is filled in from the one every ordinary member shares, when it can be.
    shared = member_pages.serve(
        request,
        parts,
        lambda: _article_page(request, slug, parts, frame=True),
        timeout=PAGE_TIMEOUT,
    )
    return shared or _article_page(request, slug, parts)


def _article_page(request, slug, parts, *, frame=False):
    # With its thread (count, open or closed), as every reader shares it: the writes that
    # refresh the page refresh it too.
    article = parts.get(
        "article",
        lambda: get_object_or_404(Article.objects.published().select_related("thread"), slug=slug),
        timeout=PAGE_TIMEOUT,
    )
    # A value that points at nothing is sent to the page that is there, never stored.
    if not _shows_comment(request, article):
        return redirect(sections.Elsewhere(comment=None).url(request))
    context = {
        "article": article,
        # A ranking beside the article, counted once a minute for the whole site (and up to
        # PAGE_TIMEOUT late in the cached page).
        "most_discussed": most_discussed_on_site(exclude=article.pk),
    }
    try:
        context.update(discussion_context(request, article.thread, parts=parts, frame=frame))
    except sections.Elsewhere as elsewhere:
        return redirect(elsewhere.url(request))
    context.update(_article_parts(request, parts, article, context))
    response = render(request, "articles/article_detail.html", context)
    response.frame_filling = context.get(member_pages.FILLING)
    return response


def _shows_comment(request, article):
    """Return whether `?comment=`, when given, names a comment of this page its reader sees."""
    value = request.GET.get("comment")
    if value is None or not object_id(value):
        return True  # a malformed value is answered uncached (ARTICLE_PARAMS), as if absent
    visible = Comment.objects.visible_to(request.user)
    return visible.filter(pk=int(value), thread_id=article.thread_id).exists()


def _article_parts(request, parts, article, context):
    """Return the article page's parts that are the same for every reader, from the cache.

    The article with its related articles, and the head (preview tags, structured data of
    the page's first comments) when the discussion's page is shared too (`section_key`).
    """

    def main():
        prefetch_related_objects([article], "topics", "references")
        part = {"article": article, "related_articles": article.related_articles()}
        return render_to_string("articles/_article_main.html", part, request=request)

    def head():
        prefetch_related_objects([article], "topics")
        return render_to_string("articles/_article_meta.html", context, request=request)

    # The body does not change with the discussion: a new comment fills in the count alone.
    body = parts.get("main", main, timeout=PAGE_TIMEOUT, follows_discussion=False)
    count = article.comment_count
    count_text = ngettext("%(count)s comment", "%(count)s comments", count) % {"count": count}
    found = {"article_main": mark_safe(body.replace(COMMENT_COUNT_SLOT, count_text))}  # noqa: S308
    section_key = context.get("section_key")
    if section_key and "comment" not in request.GET:
        found["article_head"] = parts.get(f"head:{section_key}", head, timeout=PAGE_TIMEOUT)
    else:  # a comment's share link: its own preview
        found["article_head"] = head()
    return found


@cache_anonymous_page(timeout=LISTING_TIMEOUT)
def topic_list(request):
    """List every topic hub."""
    return render(request, "articles/topic_list.html", {"topics": Topic.objects.all()})


@cache_anonymous_page(timeout=LISTING_TIMEOUT, params={"page": page_number})
def topic_detail(request, slug):
    """Show a topic hub: its description and its articles."""
    topic = get_object_or_404(Topic, slug=slug)
    page = _listing_page(request, Article.objects.for_listing().filter(topics=topic))
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page_obj": page, "most_discussed": most_discussed(topic.articles.all())},
    )


@cache_anonymous_page(timeout=PAGE_TIMEOUT, scopes=())
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
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


# Sharing and discovery ---------------------------------------------------------------

SEARCH_RESULTS_PER_PAGE = 20
SEARCH_KINDS = ("articles", "comments")
PREVIEW_MAX_AGE = 60 * 60


@require_GET
def search(request):
    """Search published articles and comments; the query stays in the URL."""
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type")
    kind = kind if kind in SEARCH_KINDS else "articles"
    raw_length = len(request.GET.get("q", ""))
    context = {"query": query, "kind": kind, "too_long": raw_length > MAX_QUERY_LENGTH}
    if query:
        results = SearchResults(query)
        counts = {
            "articles": results.count(results.article_matches()),
            "comments": results.count(results.comment_matches()),
        }
        if kind == "articles" and not counts["articles"] and counts["comments"]:
            kind = "comments"  # show what there is
        source = results.articles() if kind == "articles" else results.comments()
        paginator = Paginator(source, SEARCH_RESULTS_PER_PAGE)
        # Counted above, up to one more than the results a search shows.
        paginator.count = min(counts[kind], RANKED_MATCHES)
        page = paginator.get_page(request.GET.get("page"))
        for obj in page.object_list:
            text = obj.body if kind == "comments" else f"{obj.standfirst} {obj.body}"
            obj.snippet = results.snippet(obj, text)
        context.update(
            kind=kind,
            # Past the limit a count says "1,000+" and "More than 1,000 … found".
            counts={k: _capped(n) if n > RANKED_MATCHES else n for k, n in counts.items()},
            capped=counts[kind] > RANKED_MATCHES,
            more_than=number_format(RANKED_MATCHES, force_grouping=True),
            page_obj=page,
            full_text=results.full_text,
            page_param_prefix=urlencode({"q": query, "type": kind}),
        )
    return render(request, "articles/search.html", context)


def _capped(count):
    """Return a count past the ranked limit as "1,000+", grouped as the reader's language does."""
    return gettext("%(count)s+") % {"count": number_format(count - 1, force_grouping=True)}


def _same_origin(request):
    """Return whether a POST came from one of our own pages (Fetch metadata, else Origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    return request.headers.get("Origin") == f"{request.scheme}://{request.get_host()}"


# No CSRF token: the share bar sits on pages cached for readers who are not signed in, which
# must not set a CSRF cookie. A same-origin check protects this one form instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def share_mastodon(request):
    """Send the reader to the compose box of their own Mastodon server, after checking its name.

    Only a POST from one of our pages sends the reader on, so a link or another site can't
    use this site as an open redirector. It answers with a page that moves on by itself
    (meta refresh) and a link, not an HTTP redirect: the CSP's form-action 'self' also
    applies to a form's redirects.
    """
    if request.method == "POST" and not _same_origin(request):
        raise PermissionDenied(gettext("Share from the article page."))
    data = request.POST if request.method == "POST" else request.GET
    url = data.get("url", "")
    if not sharing.is_own_url(url):
        url = settings.SITE_URL + "/"
    text = " ".join(data.get("text", "").split())[:300] or settings.SITE_NAME
    instance = data.get("instance", "")
    error = None
    if request.method == "POST":
        try:
            host = sharing.clean_instance(instance)
        except sharing.InvalidInstance as invalid:
            error = str(invalid)
        else:
            destination = sharing.mastodon_share_url(instance=host, text=f"{text} {url}")
            context = {"destination": destination, "instance": host}
            return render(request, "articles/share_mastodon.html", context)
    context = {"url": url, "text": text, "instance": instance, "error": error}
    return render(request, "articles/share_mastodon.html", context, status=400 if error else 200)


def _png_response(request, png_and_key):
    png, key = png_and_key
    etag = f'"{key[:40]}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PREVIEW_MAX_AGE}"
    return response


@require_GET
def article_preview(request, slug):
    """Serve the article's preview image (headline, site name, comment count)."""
    article = get_object_or_404(Article.objects.published().select_related("thread"), slug=slug)
    return _png_response(
        request,
        og_image.preview_png(
            "article",
            headline=article.title,
            site_name=settings.SITE_NAME,
            comment_count=article.comment_count,
        ),
    )


def _public_comment_or_404(comment_id):
    """Return a published comment on a published article, or raise Http404."""
    comment = (
        Comment.objects.published()
        .on_visible_threads()
        .filter(pk=comment_id)
        .select_related("author", "thread")
        .first()
    )
    if comment is None:
        raise Http404(gettext("No such comment."))
    return comment


@require_GET
def comment_preview(request, comment_id):
    """Serve a published comment's preview image, quoting it."""
    comment = _public_comment_or_404(comment_id)
    return _png_response(
        request,
        og_image.preview_png(
            "comment",
            quote=sharing.plain_excerpt(comment.body, 220),
            author=comment.author_name,
            headline=comment.thread.title,
            site_name=settings.SITE_NAME,
            score=comment.score,
        ),
    )


@require_GET
def site_preview(request):
    """Serve the site's own preview image, for pages without one of their own."""
    return _png_response(
        request,
        og_image.preview_png(
            "article",
            headline="Articles and the discussions they open, moderated with care.",
            site_name=settings.SITE_NAME,
            comment_count=None,
        ),
    )


def comment_share(request, comment_id):
    """Show every way to share one published comment (a page, or a fragment for htmx)."""
    comment = _public_comment_or_404(comment_id)
    context = {"comment": comment, "thread": comment.thread}
    template = "articles/comment_share.html"
    return render(request, f"{template}#options" if request.htmx else template, context)
