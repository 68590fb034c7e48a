"""The public transparency report (Art. 15, 24): the figures of a half-year or a date range,
read from the daily counts (forum.notices.rollups) in one query, as rows for the page, the
CSV and the API.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models import Appeal, Decision, IllegalCategory
from forum.notices import rollups
from forum.notices.rollups import Metric

MAX_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Report:
    """The figures of the days from `start` to `end`."""

    start: datetime.date
    end: datetime.date
    figures: dict

    def _get(self, metric, key=""):
        return self.figures.get(metric, {}).get(key, 0)

    def _sum(self, metric):
        return sum(self.figures.get(metric, {}).values())

    @property
    def notices(self):
        return [
            {
                "category": value,
                "label": label,
                "received": self._get(Metric.NOTICES, value),
                "trusted_flaggers": self._get(Metric.TRUSTED_NOTICES, value),
            }
            for value, label in IllegalCategory.choices
        ]

    @property
    def notices_total(self):
        return self._sum(Metric.NOTICES)

    @property
    def trusted_total(self):
        return self._sum(Metric.TRUSTED_NOTICES)

    @property
    def decisions(self):
        rows = []
        for action, action_label in Decision.Action.choices:
            grounds = [("", _("No ground needed"))] if action == "no_action" else []
            for ground, ground_label in grounds or Decision.Ground.choices:
                rows.append(
                    {
                        "action": action,
                        "action_label": action_label,
                        "ground": ground,
                        "ground_label": ground_label,
                        "count": self._get(Metric.DECISIONS, f"{action}:{ground}"),
                    }
                )
        return rows

    @property
    def decisions_total(self):
        return self._sum(Metric.DECISIONS)

    @property
    def sources(self):
        return [
            {"source": value, "label": label, "count": self._get(Metric.DECISIONS_BY_SOURCE, value)}
            for value, label in Decision.Source.choices
        ]

    @property
    def median_hours_to_decision(self):
        return rollups.median_hours(self.figures.get(Metric.NOTICE_HOURS, {}))

    @property
    def appeals_received(self):
        return self._sum(Metric.APPEALS)

    @property
    def appeals_upheld(self):
        return self._get(Metric.APPEAL_OUTCOMES, Appeal.Outcome.UPHELD)

    @property
    def appeals_reversed(self):
        return self._get(Metric.APPEAL_OUTCOMES, Appeal.Outcome.REVERSED)

    @property
    def median_hours_to_appeal_outcome(self):
        return rollups.median_hours(self.figures.get(Metric.APPEAL_HOURS, {}))

    @property
    def notifier_suspensions(self):
        return self._sum(Metric.NOTIFIER_SUSPENSIONS)

    @property
    def automated_detection(self):
        return self._get(Metric.AUTOMATED, "detection")

    @property
    def automated_decision(self):
        return self._get(Metric.AUTOMATED, "decision")

    def as_dict(self):
        """Return the report as plain data: the API's and the CSV's one shape."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "notices": {
                "total": self.notices_total,
                "by_trusted_flaggers": self.trusted_total,
                "by_category": [
                    {k: row[k] for k in ("category", "received", "trusted_flaggers")}
                    for row in self.notices
                ],
            },
            "decisions": {
                "total": self.decisions_total,
                "by_action_and_ground": [
                    {k: row[k] for k in ("action", "ground", "count")} for row in self.decisions
                ],
                "by_source": [{k: row[k] for k in ("source", "count")} for row in self.sources],
                "median_hours_from_notice": self.median_hours_to_decision,
                "automated_detection": self.automated_detection,
                "automated_decision": self.automated_decision,
            },
            "appeals": {
                "received": self.appeals_received,
                "upheld": self.appeals_upheld,
                "reversed": self.appeals_reversed,
                "median_hours_to_outcome": self.median_hours_to_appeal_outcome,
            },
            "notifier_suspensions": self.notifier_suspensions,
        }

    def csv_rows(self):
        """Yield (section, item, detail, value) rows: the report as a spreadsheet reads it."""
        data = self.as_dict()
        yield ("period", "start", "", data["start"])
        yield ("period", "end", "", data["end"])
        for row in data["notices"]["by_category"]:
            yield ("notices", row["category"], "received", row["received"])
            yield ("notices", row["category"], "trusted_flaggers", row["trusted_flaggers"])
        for row in data["decisions"]["by_action_and_ground"]:
            yield ("decisions", row["action"], row["ground"], row["count"])
        for row in data["decisions"]["by_source"]:
            yield ("decision_sources", row["source"], "", row["count"])
        decisions = data["decisions"]
        yield ("decisions", "median_hours_from_notice", "", decisions["median_hours_from_notice"])
        yield ("decisions", "automated_detection", "", decisions["automated_detection"])
        yield ("decisions", "automated_decision", "", decisions["automated_decision"])
        for key in ("received", "upheld", "reversed", "median_hours_to_outcome"):
            yield ("appeals", key, "", data["appeals"][key])
        yield ("notifier_suspensions", "total", "", data["notifier_suspensions"])


def period(*, half="", start="", end=""):
    """Return (first day, last day) asked for, or the current half-year; None for a bad one."""
    if start or end:
        try:
            first = datetime.date.fromisoformat(start)
            last = datetime.date.fromisoformat(end)
        except ValueError:
            return None
        if last < first or (last - first).days > MAX_RANGE_DAYS:
            return None
        return first, last
    if half:
        return rollups.half_year_named(half)
    return rollups.half_year(timezone.localdate())


def report(start, end):
    """Return the Report of the days from `start` to `end`."""
    return Report(start, end, rollups.totals(start, end))
