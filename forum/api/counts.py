"""Comment counts for listing pages: up to 100 articles in one request and one query."""

import json

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import ngettext
from ninja import Query, Router, Schema
from pydantic import Field

from forum.api import schemas
from forum.api.errors import ApiError
from forum.api.shaping import absolute
from forum.embed.origins import allowed_origin
from forum.models import Thread
from forum.platform.headers import shared_response

router = Router(tags=["counts"])

MAX_ITEMS = 100
MAX_AGE = 60  # a listing's "12 comments" may be a minute old


class CountsQuery(Schema):
    url: list[schemas.Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    key: list[schemas.Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    # The host page's language (count.js sends its <html lang>): the labels' language.
    lang: schemas.Text = ""


def _site_relative(url, own_origins):
    """Return the site-relative form of an address on this site; others stay as they are."""
    for origin in own_origins:
        if url.startswith(origin + "/"):
            return url[len(origin) :]
    return url


def _counts(urls, keys, own_origins):
    """Return one Count per asked URL and key, in the order asked, from one query."""
    wanted = {u: _site_relative(u.split("#")[0], own_origins) for u in urls}
    rows = list(
        Thread.objects.visible()
        .filter(Q(url__in=set(wanted.values())) | Q(key__in=keys))
        .values_list("key", "url", "comment_count")
    )
    by_url = {url: (key, url, count) for key, url, count in rows}
    by_key = {key: (key, url, count) for key, url, count in rows}
    counts = []
    for asked, stored in wanted.items():
        key, url, count = by_url.get(stored, (None, None, 0))
        counts.append({"url": asked, "key": key, "count": count, "discussion_url": _link(url)})
    for asked in keys:
        key, url, count = by_key.get(asked, (asked, None, 0))
        counts.append({"url": None, "key": asked, "count": count, "discussion_url": _link(url)})
    return counts


def _language(asked):
    """Return the offered language nearest `asked` (de-AT: de), else LANGUAGE_CODE."""
    try:
        return translation.get_supported_language_variant(asked.strip().lower())
    except LookupError:
        return settings.LANGUAGE_CODE


def label(count):
    """Return "12 comments" in the active language, its digits grouped as it groups them."""
    words = ngettext("%(count)s comment", "%(count)s comments", count)
    return words % {"count": number_format(count, force_grouping=True)}


def _link(url):
    """Return where a thread is read: its page here (at the discussion), or the host's page."""
    if not url:
        return None
    return absolute(url) + "#discussion" if url.startswith("/") else url


@router.get("/", response={200: schemas.Counts, 400: schemas.Error})
def counts(request, query: Query[CountsQuery]):
    """Return the published-comment counts of up to 100 threads, by page URL or thread key.

    Cacheable by browsers and proxies for a minute (`Cache-Control`, `ETag`); readable from
    the sites in EMBED_ALLOWED_ORIGINS (CORS), for the count badges of their listing pages.
    """
    if len(query.url) + len(query.key) > MAX_ITEMS:
        message = ngettext(
            "Ask for at most %(count)d count at a time.",
            "Ask for at most %(count)d counts at a time.",
            MAX_ITEMS,
        ) % {"count": MAX_ITEMS}
        raise ApiError(400, "invalid", message)
    # This site's pages are stored by path: as SITE_URL says, or as this request reached us.
    own_origins = {settings.SITE_URL, request.build_absolute_uri("/").rstrip("/")}
    counts = _counts(query.url, query.key, own_origins)
    with translation.override(_language(query.lang)):
        for count in counts:
            count["label"] = label(count["count"])
    body = json.dumps({"counts": counts}, separators=(",", ":")).encode()
    response = shared_response(request, body, content_type="application/json", max_age=MAX_AGE)
    # Readable by any allowed site's scripts; no cookies are needed or sent.
    origin = request.headers.get("Origin", "")
    if allowed_origin(origin):
        response["Access-Control-Allow-Origin"] = origin
    patch_vary_headers(response, ["Origin"])
    return response
