"""The transparency report in the JSON API: GET /api/v1/transparency/ (?half= or ?from=&to=)."""

from ninja import Router

from forum.api.errors import ApiError
from forum.notices import transparency

router = Router(tags=["transparency"])


@router.get("/", summary="The transparency report (DSA Art. 15, 24)")
def transparency_report(request, half: str = "", start: str = "", end: str = ""):
    """Return the figures of a half-year ("2026-H2"), a date range, or the current half-year."""
    asked = transparency.period(half=half, start=start, end=end)
    if asked is None:
        raise ApiError(400, "bad_period", "Give ?half=YYYY-H1 or H2, or ?start= and ?end= dates.")
    return transparency.report(*asked).as_dict()
