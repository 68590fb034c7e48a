"""Notices and statements outlive the comment and the account they are about, for
DSA_RETENTION_DAYS; a deleted account's personal data goes from them at once.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.models import Appeal, Comment, Decision, Notice
from forum.notices import appeals, retention
from forum.notices.words import GUIDELINE_RULES

pytestmark = pytest.mark.django_db


def test_records_outlive_the_comment(removal, comment):
    notice, decision = removal
    Comment.objects.filter(pk=comment.pk).delete()
    notice.refresh_from_db()
    decision.refresh_from_db()
    assert notice.comment is None and decision.comment is None
    assert decision.content_excerpt == "Something **unlawful**."


def test_account_deletion_keeps_the_records_without_personal_data(removal, member):
    notice, decision = removal
    appeals.appeal_file(decision=decision, member=member, text="Unfair")
    retention.member_forget(member=member)
    member.delete()
    decision.refresh_from_db()
    assert decision.author is None and Appeal.objects.get().appellant is None
    assert Notice.objects.get().notifier_email == "nora@example.net"  # another person's


def test_a_notifier_who_deletes_their_account_is_forgotten(removal, other_member):
    notice, _ = removal
    Notice.objects.filter(pk=notice.pk).update(notifier=other_member)
    retention.member_forget(member=other_member)
    notice.refresh_from_db()
    assert (notice.notifier, notice.notifier_name, notice.notifier_email) == (None, "", "")


def test_records_past_retention_are_purged(settings, removal):
    settings.DSA_RETENTION_DAYS = 30
    notice, decision = removal
    retention.records_purge()
    assert Notice.objects.count() == 1 and Decision.objects.count() == 1
    retention.records_purge(now=timezone.now() + timedelta(days=31))
    assert not Notice.objects.exists() and not Decision.objects.exists()


def test_the_guidelines_page_anchors_each_rule(client, settings):
    call_command("load_content", verbosity=0)
    page = client.get("/guidelines/", follow=True).content.decode()
    for number, title in GUIDELINE_RULES.items():
        assert f'id="rule-{number}"' in page
        assert f"{number}. {title}" in page
