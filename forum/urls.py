"""Root URLconf: articles at the top level, accounts, the discussion and moderation."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from accounts import languages
from articles import api as articles_api
from articles.sitemaps import sitemaps
from forum.api import api
from forum.api import errors as api_errors
from forum.platform import health, jscatalog, metrics

# The articles' part of the API; the forum never imports the articles app, so it is added here.
api.add_router("/articles/", articles_api.router)

urlpatterns = [
    path("", include("articles.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("language/", languages.choose, name="choose_language"),
    path("jsi18n/<str:language>.js", jscatalog.catalog, name="javascript_catalog"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("forum.discussion.urls")),
    path("", include("forum.moderation.urls")),
    path("", include("forum.imports.urls")),
    path("", include("forum.notices.urls")),
    path("", include("forum.webhooks.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_errors.not_found_view),
    path("", include("forum.embed.urls")),
    path("", include("forum.live.urls")),
]

handler404 = "articles.views.page_not_found"
handler500 = "forum.failures.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
