"""The forum's own knobs: one block of settings, each from the environment and documented, read
when the forum acts (so a changed setting changes the limit), never with a default of a module's."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from forum import errors
from forum.comments import transitions
from forum.refusals import Code
from tests.factories import CommentFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (ROOT / "forum" / "settings.py").read_text()
SIGN_IN = (ROOT / "forum" / "settings_sign_in.py").read_text()
SCORERS = (ROOT / "forum" / "settings_scorers.py").read_text()
MAIL = (ROOT / "forum" / "settings_mail.py").read_text()
BLOCK = SETTINGS.split("# The forum's own knobs:")[1].split("# The end of the forum's own knobs.")[
    0
]


def test_every_knob_comes_from_the_environment_and_is_documented():
    docs = (ROOT / "docs" / "settings.md").read_text()
    assigned = re.findall(r"^([A-Z][A-Z0-9_]*) = (.*)$", BLOCK, flags=re.MULTILINE)
    assert len(assigned) >= 25
    for name, value in assigned:
        assert value.startswith(("env.", "timedelta(")), name
    variables = re.findall(r'env\.\w+\("([A-Z0-9_]+)"', SETTINGS + SIGN_IN + SCORERS + MAIL)
    assert {"EDIT_RATE_PER_MINUTE", "REPORT_RATE_PER_HOUR"} <= set(variables)
    assert [name for name in variables if f"`{name}`" not in docs] == []


def test_no_module_keeps_a_default_of_its_own():
    for folder in ("forum", "accounts", "articles"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "getattr(settings" not in path.read_text(), path


@pytest.fixture
def published_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0


def post(author, thread, n):
    return transitions.comment_create(author=author, thread=thread, body=f"Comment {n}")


@pytest.mark.django_db
@pytest.mark.usefixtures("published_at_once")
class TestEachLimitIsItsSetting:
    def test_comments_a_minute(self, settings, member, thread):
        settings.COMMENT_RATE_PER_MINUTE = 2
        post(member, thread, 1)
        post(member, thread, 2)
        with pytest.raises(errors.RateLimited) as error:
            post(member, thread, 3)
        assert error.value.code == Code.POSTING_TOO_FAST and error.value.params == {"limit": 2}

    def test_comments_a_day(self, settings, member, thread):
        settings.COMMENT_RATE_PER_DAY = 1
        post(member, thread, 1)
        with pytest.raises(errors.RateLimited) as error:
            post(member, thread, 2)
        assert error.value.code == Code.DAILY_LIMIT and error.value.params == {"limit": 1}

    def test_edits_a_minute(self, settings, member, thread):
        settings.EDIT_RATE_PER_MINUTE = 1
        comment = post(member, thread, 1)
        transitions.comment_edit(comment=comment, editor=member, body="Edited once")
        with pytest.raises(errors.RateLimited) as error:
            transitions.comment_edit(comment=comment, editor=member, body="Edited twice")
        assert error.value.code == Code.EDITING_TOO_FAST

    def test_previews_a_minute(self, settings, client_as, member):
        settings.PREVIEW_RATE_PER_MINUTE = 1
        client = client_as(member)
        url = reverse("forum:markdown_preview")
        statuses = [client.post(url, {"content": "Hi"}).status_code for _ in range(2)]
        assert statuses == [200, 429]

    def test_reports_an_hour(self, settings, member, thread):
        settings.REPORT_RATE_PER_HOUR = 1
        first, second = CommentFactory(thread=thread), CommentFactory(thread=thread)
        transitions.comment_report(comment=first, reporter=member, reason="spam")
        with pytest.raises(errors.ModerationError) as error:
            transitions.comment_report(comment=second, reporter=member, reason="spam")
        assert error.value.code == Code.REPORTING_TOO_FAST

    def test_reports_that_hide_a_comment(self, settings, thread):
        settings.REPORTS_TO_HIDE = 2
        comment = CommentFactory(thread=thread)
        for hidden in (False, True):
            transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
            comment.refresh_from_db()
            assert comment.hidden_by_reports is hidden

    def test_links_held_until_trusted(self, settings, member, thread):
        settings.LINKS_TRUSTED_AFTER_COMMENTS = 1
        body = "See https://example.org"
        held = transitions.comment_create(author=member, thread=thread, body=body)
        assert held.hold_reason == "link_from_new_member"
        post(member, thread, 1)
        trusted = transitions.comment_create(author=member, thread=thread, body=body + " again")
        assert trusted.is_published
