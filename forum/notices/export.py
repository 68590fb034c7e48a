"""Statements of reasons in the shape of the EU DSA Transparency Database's submission API
(its "statements" endpoint, https://transparency.dsa.ec.europa.eu/page/api-documentation),
one JSON object a line, for a newsroom to submit. Nothing is sent anywhere from here.
"""

import json

from django.conf import settings
from django.utils import translation

from forum.models import Decision
from forum.notices.words import DATABASE_CATEGORY, GUIDELINE_RULES

Action, Ground, Source = Decision.Action, Decision.Ground, Decision.Source

VISIBILITY = {
    Action.REMOVE: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
    Action.SUSPEND: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
    Action.RESTRICT: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
}
SOURCE = {
    Source.NOTICE: "SOURCE_ARTICLE_16",
    Source.TRUSTED_FLAGGER: "SOURCE_TRUSTED_FLAGGER",
    Source.OWN_INITIATIVE: "SOURCE_VOLUNTARY",
}


def statement_record(decision):
    """Return the decision as the Transparency Database's statement of reasons."""
    illegal = decision.ground == Ground.ILLEGAL
    record = {
        "decision_visibility": VISIBILITY.get(decision.action, []),
        "decision_account": (
            "DECISION_ACCOUNT_SUSPENDED" if decision.action == Action.SUSPEND else None
        ),
        "account_type": "ACCOUNT_TYPE_PRIVATE",
        "decision_ground": (
            "DECISION_GROUND_ILLEGAL_CONTENT" if illegal else "DECISION_GROUND_INCOMPATIBLE_CONTENT"
        ),
        "decision_ground_reference_url": (
            f"{settings.SITE_URL}/guidelines/#rule-{decision.rule}" if decision.rule else None
        ),
        "category": DATABASE_CATEGORY.get(
            decision.legal_category, "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
        ),
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_date": decision.content_date.date().isoformat() if decision.content_date else None,
        "application_date": decision.created_at.date().isoformat(),
        "end_date_account_restriction": (
            decision.suspended_until.date().isoformat() if decision.suspended_until else None
        ),
        "decision_facts": decision.facts,
        "source_type": SOURCE[decision.source],
        "automated_detection": "Yes" if decision.automated_detection else "No",
        "automated_decision": (
            "AUTOMATED_DECISION_FULLY"
            if decision.automated_decision
            else "AUTOMATED_DECISION_NOT_AUTOMATED"
        ),
        "puid": decision.reference,
    }
    if illegal:
        record["illegal_content_legal_ground"] = decision.legal_ground
        record["illegal_content_explanation"] = decision.facts
        record["territorial_scope"] = (
            [decision.territorial_scope] if decision.territorial_scope else []
        )
    else:
        # The Transparency Database reads English, whatever the moderator's language.
        with translation.override("en"):
            rule = str(GUIDELINE_RULES.get(decision.rule, ""))
        record["incompatible_content_ground"] = (
            f"Community guidelines, rule {decision.rule}: {rule}"
        )
        record["incompatible_content_explanation"] = decision.facts
        record["incompatible_content_illegal"] = "No"
    return {key: value for key, value in record.items() if value is not None}


def statements_jsonl(decisions):
    """Yield each restricting decision of `decisions` as one JSON line."""
    for decision in decisions.exclude(action=Action.NO_ACTION).iterator():
        yield json.dumps(statement_record(decision), ensure_ascii=False, default=str) + "\n"
