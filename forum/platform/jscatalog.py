"""The scripts' words in the reader's language: Django's JavaScript catalogue, one file a language.

The pages load /jsi18n/<language>.js before their own scripts, which find `gettext`,
`ngettext` and `interpolate` there (static/js/site.js falls back to the English words when
the file is absent: English pages do without it). Its address carries a digest of the
compiled catalogues, so browsers and a CDN may keep it a day and a new release is a new file.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

_catalog = JavaScriptCatalog.as_view(domain="djangojs")


@cache
def version():
    """Return a short digest of the compiled catalogues (read once a process)."""
    digest = hashlib.sha256()
    for root in settings.LOCALE_PATHS:
        for path in sorted(Path(root).glob("*/LC_MESSAGES/djangojs.mo")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def url(language):
    """Return the catalogue's address for `language`, or None where the scripts need none."""
    if language == "en" or language not in dict(settings.LANGUAGES):
        return None
    return f"/jsi18n/{language}.js?v={version()}"


@cache_control(public=True, max_age=24 * 3600)
def catalog(request, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    with translation.override(language):
        return _catalog(request)
