"""The transparency report's figures, counted as each step happens: one row per day, figure
and key, so that the report reads a few hundred rows whatever the number of notices.

A duration (notice to decision, appeal to outcome) is counted in whole hours, so that its
median over any range is read from the same rows.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone

from forum.models import TransparencyCount
from forum.platform import pagecache


class Metric:
    NOTICES = "notices"  # key: category
    TRUSTED_NOTICES = "trusted_notices"  # key: category
    DECISIONS = "decisions"  # key: action:ground
    DECISIONS_BY_SOURCE = "decision_sources"  # key: source
    AUTOMATED = "automated"  # key: "detection" or "decision"
    NOTICE_HOURS = "notice_hours"  # key: hours from the first notice to the decision
    APPEALS = "appeals"  # key: role
    APPEAL_OUTCOMES = "appeal_outcomes"  # key: upheld or reversed
    APPEAL_HOURS = "appeal_hours"  # key: hours from the appeal to its outcome
    NOTIFIER_SUSPENSIONS = "notifier_suspensions"


def count(metric, key="", *, at=None, by=1):
    """Add `by` to the day's figure `metric` for `key`, in the caller's transaction."""
    day = timezone.localdate(at) if at is not None else timezone.localdate()
    key = str(key)[:60]
    rows = TransparencyCount.objects.filter(day=day, metric=metric, key=key)
    if not rows.update(count=F("count") + by):
        try:
            with transaction.atomic():  # a savepoint: another writer may add the row first
                TransparencyCount.objects.create(day=day, metric=metric, key=key, count=by)
        except IntegrityError:
            rows.update(count=F("count") + by)
    # The report's cached pages show every figure: the next reader gets them fresh.
    pagecache.invalidate(
        paths=(reverse("notices:transparency"), reverse("notices:transparency_csv"))
    )


def hours_between(start, end):
    return max(0, int((end - start).total_seconds() // 3600))


def totals(start, end):
    """Return {metric: {key: count}} for the days from `start` to `end` inclusive: one query."""
    rows = (
        TransparencyCount.objects.filter(day__gte=start, day__lte=end)
        .values_list("metric", "key")
        .annotate(total=Sum("count"))
        .order_by()
    )
    figures = {}
    for metric, key, total in rows:
        figures.setdefault(metric, {})[key] = total
    return figures


def median_hours(histogram):
    """Return the median of durations counted as {hours: count}, or None for none."""
    values = sorted((int(hours), n) for hours, n in histogram.items())
    total = sum(n for _, n in values)
    if not total:
        return None
    middle, seen = (total + 1) / 2, 0
    for hours, n in values:
        seen += n
        if seen >= middle:
            return hours
    return values[-1][0]


def half_year(day):
    """Return the first and last day of the half-year `day` falls in."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def half_year_named(name):
    """Return the half-year "2026-H1" as (first day, last day), or None when it isn't one."""
    try:
        year, half = name.split("-H")
        year, half = int(year), int(half)
    except ValueError:
        return None
    if not (2000 <= year <= 2100 and half in (1, 2)):
        return None
    return half_year(date(year, 1 if half == 1 else 7, 1))


def half_years_until(day, count=4):
    """Return the names of the last `count` half-years up to the one of `day`, newest first."""
    names = []
    for _ in range(count):
        start, _end = half_year(day)
        names.append(f"{start.year}-H{1 if start.month == 1 else 2}")
        day = start - timedelta(days=1)
    return names
