"""The embed's pages: the thread in an iframe, and the two scripts other sites load."""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from forum import refusals
from forum.discussion.forms import CommentForm
from forum.discussion.reading import (
    DEFAULT_SORT,
    SORTS,
    clean_sort,
    subtree_root,
    thread_context,
)
from forum.discussion.sections import Elsewhere
from forum.embed.origins import allowed_origin, allowed_origins, origin_of
from forum.embed.services import EmbedRefused, thread_for_embed
from forum.models import Report
from forum.platform import pagecache
from forum.platform.client_address import client_address, rate_key
from forum.platform.headers import etag_of, shared_response

SCRIPT_MAX_AGE = 3600  # the URL is stable (it is pasted into other sites' pages)
# Seconds a thread's embed may stay in the shared cache; a change to the thread refreshes it
# sooner, as it does the thread's own page (forum.platform.pagecache).
PAGE_TIMEOUT = 600
# What changes the embed of a thread once it exists (`url` and `title` only open one).
PAGE_PARAMS = {
    "scheme": ("light", "dark").__contains__,
    "sort": SORTS.__contains__,
    "page": pagecache.page_number,
    "replies": pagecache.object_id,
}


@cache
def _script(name):
    path = finders.find(f"js/{name}")
    with open(path, "rb") as f:
        body = f.read()
    return body, etag_of(body)


def _script_response(request, name):
    body, etag = _script(name)
    response = shared_response(
        request,
        body,
        content_type="text/javascript; charset=utf-8",
        max_age=SCRIPT_MAX_AGE,
        etag=etag,
    )
    # Loaded by <script src> from other sites: the site-wide same-origin policy would block it.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def embed_js(request):
    """Serve the one-line embed's script: it puts the thread's iframe after itself."""
    return _script_response(request, "embed.js")


@require_safe
def count_js(request):
    """Serve the badge script: it fills every [data-comments-count] link from one request."""
    return _script_response(request, "count.js")


def _frame_policy(response):
    # Only this page may be framed, and only by the allowed sites; computed per request (not
    # with @csp_override at import) so that the setting is read when it is used.
    response._csp_config = {
        **settings.SECURE_CSP,
        "frame-ancestors": allowed_origins() or [CSP.NONE],
    }
    return response


def _from_allowed_page(request):
    """Return whether the request comes from an allowed site, this site, or says nothing."""
    referer = request.headers.get("Referer", "")
    if not referer:
        return True
    origin = origin_of(referer)
    return allowed_origin(origin) or origin == origin_of(request.build_absolute_uri("/"))


@xframe_options_exempt
@require_safe
def embed_thread(request):
    """Show a thread for an iframe on an allowed site: read-only, sized by postMessage."""
    key = request.GET.get("key", "")[:100]
    url = request.GET.get("url", "")[:1000]
    scheme = request.GET.get("scheme") if request.GET.get("scheme") in ("light", "dark") else ""
    try:
        if not _from_allowed_page(request):
            raise EmbedRefused(gettext("This site is not in EMBED_ALLOWED_ORIGINS."))
        thread = thread_for_embed(
            key=key,
            url=url,
            title=request.GET.get("title", ""),
            client_ip=rate_key(client_address(request)),
        )
    except EmbedRefused as error:
        context = {"refusal": str(error), "scheme": scheme}
        return _frame_policy(render(request, "forum/embed.html", context, status=404))
    # Readers who are not signed in share it, from the cache, as they share the thread's page.
    response = pagecache.serve(
        request,
        lambda: _thread_page(request, thread, scheme),
        timeout=PAGE_TIMEOUT,
        query=pagecache.query_part(request, {"key": thread.key.__eq__, **PAGE_PARAMS}),
        scopes=(pagecache.PATH,),
        path=thread.url,
    )
    return _frame_policy(response)


def _thread_page(request, thread, scheme):
    sort = clean_sort(request.GET.get("sort"))
    replies = request.GET.get("replies")
    subtree = subtree_root(thread, request.user, replies)
    if replies is not None and pagecache.object_id(replies) and subtree is None:
        # Those replies are gone (or never were): the thread, never stored as them.
        return redirect(Elsewhere(replies=None, page=None).url(request))
    page_value = request.GET.get("page")
    context = thread_context(request, thread, sort=sort, page_number=page_value, subtree=subtree)
    last = context["comments_page"].paginator.num_pages
    if page_value is not None and pagecache.page_number(page_value) and int(page_value) > last:
        return redirect(Elsewhere(page=last if last > 1 else None).url(request))
    base = {"key": thread.key, **({"scheme": scheme} if scheme else {})}
    sorted_base = {**base, **({"sort": sort} if sort != DEFAULT_SORT else {})}
    page_base = {**sorted_base, **({"replies": subtree.pk} if subtree else {})}
    context.update(
        scheme=scheme,
        embed_base=_embed_url(base),
        sorted_base=_embed_url(sorted_base),
        page_params=urlencode(page_base),
        discussion_url=_discussion_url(thread),
        login_url=f"{reverse('account_login')}?{urlencode({'next': _embed_url(base)})}",
        participation_refusal=refusals.participation(request.user),
        comment_form=CommentForm(),
        report_reasons=Report.Reason.choices,
        # A thread of another site's page: a comment's link is that page at the comment.
        host_page=thread.url if allowed_origin(thread.url) else "",
    )
    return render(request, "forum/embed.html", context)


def _embed_url(params):
    return f"{reverse('embed:thread')}?{urlencode(params)}"


def _discussion_url(thread):
    """Return where the whole discussion is read and joined: the thread's page on this site.

    From SITE_URL, never the request's Host: the page is shared by every reader from the
    cache, whatever Host the request that rendered it named.
    """
    if thread.url.startswith("/"):
        return f"{settings.SITE_URL}{thread.url}#discussion"
    # A thread of another site's page: this page, top-level, is its home here.
    return f"{settings.SITE_URL}{reverse('embed:thread')}?{urlencode({'key': thread.key})}"
