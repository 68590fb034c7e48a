"""The transparency report (Art. 15, 24): counted as each step happens, page-cached for
readers, within a fixed number of queries whatever the counts; CSV and JSON; and the
statements' export in the DSA Transparency Database's shape.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from forum.models import Decision
from forum.notices import appeals, deciding, rollups
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_rollups_median():
    assert rollups.median_hours({}) is None
    assert rollups.median_hours({"1": 2, "5": 1}) == 1
    assert rollups.median_hours({"1": 1, "5": 2}) == 5


def test_the_page_counts_each_step(client, removal, member, second_moderator):
    _, decision = removal
    appeal = appeals.appeal_file(decision=decision, member=member, text="Unfair")
    appeals.appeal_decide(appeal=appeal, moderator=second_moderator, outcome="reversed", reason="x")
    data = client.get("/api/v1/transparency/").json()
    assert data["notices"]["total"] == 1
    assert {"category": "hate", "received": 1, "trusted_flaggers": 0} in data["notices"][
        "by_category"
    ]
    assert {"action": "remove", "ground": "guidelines", "count": 1} in data["decisions"][
        "by_action_and_ground"
    ]
    assert data["decisions"]["median_hours_from_notice"] == 0
    assert data["appeals"] == {
        "received": 1,
        "upheld": 0,
        "reversed": 1,
        "median_hours_to_outcome": 0,
    }
    page = client.get("/transparency/")
    assert page.status_code == 200
    assert "Notices received: 1" in page.content.decode()


def test_the_page_stays_within_12_queries_whatever_the_counts(
    client, django_assert_max_num_queries, moderator, thread
):
    for index in range(30):
        comment = CommentFactory(thread=thread)
        deciding.decision_make(
            moderator=moderator, comment=comment, action="remove", ground="guidelines",
            rule=1 + index % 6, facts="Insults.",
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        response = client.get("/transparency/?half=2026-H2")
    assert response.status_code == 200


def test_the_page_is_cached_for_readers_and_refreshed_by_a_step(
    client, django_assert_num_queries, moderator, comment, committed
):
    client.get("/transparency/")
    with django_assert_num_queries(0):
        assert client.get("/transparency/").status_code == 200
    with committed():
        deciding.decision_make(
            moderator=moderator, comment=comment, action="no_action", facts="Lawful."
        )
    assert "No action" in client.get("/transparency/").content.decode()
    assert "<td>1</td>" in client.get("/transparency/").content.decode()


def test_a_period_and_a_range(client):
    assert client.get("/transparency/?half=2026-H1").status_code == 200
    assert client.get("/transparency/?from=2026-01-01&to=2026-03-31").status_code == 200
    assert client.get("/transparency/?from=2026-03-01&to=2026-01-01").status_code == 400
    assert client.get("/api/v1/transparency/?half=1999-H3").status_code == 400


def test_the_csv(client, removal):
    response = client.get(reverse("notices:transparency_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "item", "detail", "value"]
    assert ["decisions", "remove", "guidelines", "1"] in rows
    assert ["notices", "hate", "received", "1"] in rows


def test_statements_export_as_json_lines(removal, moderator, thread, client_as):
    _, decision = removal
    CommentFactory(thread=thread)
    out = io.StringIO()
    call_command("dsa_export_statements", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert record["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert record["decision_ground_reference_url"].endswith("/guidelines/#rule-2")
    assert record["source_type"] == "SOURCE_ARTICLE_16"
    assert record["automated_detection"] == "No"
    assert record["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert record["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert record["puid"] == decision.reference
    assert record["decision_facts"] == decision.facts
    download = client_as(moderator).get(reverse("notices:statements_export"))
    assert json.loads(b"".join(download.streaming_content))["puid"] == decision.reference


def test_the_export_of_an_illegal_content_decision(moderator, comment):
    decision = deciding.decision_make(
        moderator=moderator, comment=comment, action="remove", ground="illegal",
        legal_category="privacy", legal_ground="GDPR Art. 6", facts="Publishes an address.",
    )  # fmt: skip
    out = io.StringIO()
    call_command("dsa_export_statements", stdout=out)
    record = json.loads(out.getvalue())
    assert record["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert record["illegal_content_legal_ground"] == "GDPR Art. 6"
    assert record["category"] == "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS"
    assert record["source_type"] == "SOURCE_VOLUNTARY"
    assert decision.action == Decision.Action.REMOVE
