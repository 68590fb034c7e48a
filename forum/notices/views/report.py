"""The public transparency report at /transparency/ (a contract: keep the path), and its CSV."""

import csv
import re

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forum.notices import rollups, transparency
from forum.platform import pagecache
from forum.platform.pagecache import cache_anonymous_page

REPORT_TIMEOUT = 300  # seconds; each step of the DSA also clears the cached pages
_HALF = re.compile(r"^[0-9]{4}-H[12]$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PARAMS = {"half": _HALF.match, "from": _DAY.match, "to": _DAY.match}
# Cached by path: each step counted clears /transparency/ and its CSV (forum.notices.rollups).
cached = cache_anonymous_page(timeout=REPORT_TIMEOUT, scopes=(pagecache.PATH,), params=PARAMS)


def _asked(request):
    """Return the Report asked for by ?half= or ?from=&to=, or None for a period not understood."""
    asked = transparency.period(
        half=request.GET.get("half", ""),
        start=request.GET.get("from", ""),
        end=request.GET.get("to", ""),
    )
    return transparency.report(*asked) if asked else None


@require_GET
@cached
def transparency_page(request):
    report = _asked(request)
    context = {
        "report": report,
        "halves": rollups.half_years_until(timezone.localdate()),
        "half": request.GET.get("half", ""),
        "start": request.GET.get("from", ""),
        "end": request.GET.get("to", ""),
    }
    return render(
        request, "forum/notices/transparency.html", context, status=200 if report else 400
    )


@require_GET
@cached
def transparency_csv(request):
    report = _asked(request)
    if report is None:
        return HttpResponse(
            _("Period not understood.") + "\n", status=400, content_type="text/plain"
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="transparency-{report.start}-{report.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["section", "item", "detail", "value"])
    writer.writerows(report.csv_rows())
    return response
