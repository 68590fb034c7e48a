"""The JSON API under /api/v1/ (django-ninja): its routers, errors and documentation.

forum/urls.py mounts it, after adding the articles app's router (the forum never imports
the articles app).
"""

from ninja import NinjaAPI

from forum.api import comments, counts, embed, errors, members, threads
from forum.notices import api as transparency

api = NinjaAPI(
    title="The Invitation API",
    version="1",
    description=(
        "Read articles, threads, comments and members' public profiles; members post, edit, "
        "remove, vote and report with a personal access token (`Authorization: Bearer …`, "
        "created on /accounts/settings/), an embed token (`emb_…`, handed to the embed's "
        "frame by its sign-in popup, or for the publisher's signed token by "
        "`POST /embed/sso/`), or the site's session (with the `X-CSRFToken` "
        'header). Every error is `{"code": …, "message": …}`.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
errors.install(api)
api.add_router("/threads/", threads.router)
api.add_router("/comments/", comments.router)
api.add_router("/members/", members.router)
api.add_router("/counts/", counts.router)
api.add_router("/embed/", embed.router)
api.add_router("/transparency/", transparency.router)
