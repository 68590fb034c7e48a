"""The site's URLs plus the benchmark's yardsticks: a trivial view and a plain template page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from forum.urls import handler404, handler500  # noqa: F401  (the root URLconf must name them)

# About 30 KB of ordinary prose, so the plain page weighs what a busy article page might.
PARAGRAPHS = [
    f"Paragraph {n}: the negotiators met again this week, and each side said the other had "
    "moved a little; observers were less sure, pointing to the same old disagreements over "
    "sequencing, verification and what counts as a first step. "
    for n in range(100)
]


def ok(request):
    """Answer "ok" without touching the database or a template."""
    return HttpResponse("ok", content_type="text/plain")


def plain(request):
    """Render a ~30 KB page in the site's layout without a database query."""
    return render(request, "bench/plain.html", {"paragraphs": PARAGRAPHS})


urlpatterns = [
    path("bench/ok", ok),
    path("bench/plain", plain),
    path("", include("forum.urls")),
]
