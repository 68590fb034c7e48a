"""The transparency report in the JSON API: GET /api/v1/transparency/ (?half= or ?start=&end=)."""

from django.utils.translation import gettext
from ninja import Router, Schema

from forum.api import schemas
from forum.api.errors import ApiError
from forum.notices import transparency

router = Router(tags=["transparency"])


class CategoryCount(Schema):
    category: str
    received: int
    trusted_flaggers: int


class NoticeFigures(Schema):
    total: int
    by_trusted_flaggers: int
    by_category: list[CategoryCount]


class ActionCount(Schema):
    action: str
    ground: str
    count: int


class SourceCount(Schema):
    source: str
    count: int


class DecisionFigures(Schema):
    total: int
    by_action_and_ground: list[ActionCount]
    by_source: list[SourceCount]
    median_hours_from_notice: int | None
    automated_detection: int
    automated_decision: int


class AppealFigures(Schema):
    received: int
    upheld: int
    reversed: int
    median_hours_to_outcome: int | None


class Report(Schema):
    start: str
    end: str
    notices: NoticeFigures
    decisions: DecisionFigures
    appeals: AppealFigures
    notifier_suspensions: int


@router.get(
    "/",
    response={200: Report, 400: schemas.Error},
    summary="The transparency report (DSA Art. 15, 24)",
)
def transparency_report(request, half: str = "", start: str = "", end: str = ""):
    """Return the figures of a half-year ("2026-H2"), a date range, or the current half-year."""
    asked = transparency.period(half=half, start=start, end=end)
    if asked is None:
        raise ApiError(
            400, "invalid", gettext("Give ?half=YYYY-H1 or H2, or ?start= and ?end= dates.")
        )
    return transparency.report(*asked).as_dict()
