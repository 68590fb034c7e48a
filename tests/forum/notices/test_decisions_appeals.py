"""Decisions with statements of reasons (Art. 17) and appeals (Art. 20): who may see and do
what, what the author and the notifier are told, and a reversal through the lifecycle.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.errors import ModerationConflict, ModerationError, NotAllowed
from forum.models import Appeal, Comment, Decision, ModerationAction, Notice, TransparencyCount
from forum.notices import appeals, deciding, filing
from forum.notices.deciding import DecisionRefused
from forum.refusals import Code
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_a_removal_goes_through_the_lifecycle_and_states_its_reasons(removal, comment, mailoutbox):
    notice, decision = removal
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert notice.decision == decision and notice.decided_at is not None
    assert decision.source == Decision.Source.NOTICE
    assert decision.automated_detection is False and decision.automated_decision is False
    actions = set(ModerationAction.objects.values_list("action", flat=True))
    assert {"notice_received", "comment_reject", "notice_decided"} <= actions
    # The author gets the statement, the notifier the decision; no second rejection e-mail.
    subjects = sorted(message.subject for message in mailoutbox)
    assert any("statement of reasons" in s for s in subjects)
    assert any(notice.reference in s and "decision" in s for s in subjects)
    assert not any("was removed" in s for s in subjects)
    to_author = next(m for m in mailoutbox if "statement of reasons" in m.subject)
    assert "Nora" not in to_author.body and "nora@example.net" not in to_author.body


def test_the_statement_shows_every_item_of_art_17_3(client_as, member, removal):
    _, decision = removal
    page = client_as(member).get(reverse("notices:statement", args=[decision.reference]))
    text = page.content.decode()
    for words in (
        "Removal of the comment",  # the restriction
        "with no end date",  # its duration
        "attacks people for their religion",  # the facts
        "A notice from a third party",  # notice or own initiative
        "No automated means were used",  # automated detection
        "no part of it was automated",  # automated decision
        "#rule-2",  # the contractual ground
        "Rule 2: No harassment or hate",
        "Appeal to us",  # redress: internal appeal
        "out-of-court dispute settlement",
        "A court",
    ):
        assert words in text, words
    assert "Nora" not in text and "nora@example.net" not in text


def test_another_member_cannot_see_a_statement(client, client_as, other_member, removal):
    _, decision = removal
    url = reverse("notices:statement", args=[decision.reference])
    assert client.get(url).status_code == 302
    assert client_as(other_member).get(url).status_code == 403


@pytest.mark.parametrize(
    ("choices", "code"),
    [
        ({"action": ""}, Code.DECISION_ACTION_MISSING),
        ({"ground": ""}, Code.DECISION_GROUND_MISSING),
        ({"rule": None}, Code.DECISION_RULE_MISSING),
        ({"ground": "illegal"}, Code.DECISION_LEGAL_GROUND_MISSING),
        ({"facts": " "}, Code.DECISION_FACTS_MISSING),
        ({"action": "suspend"}, Code.END_IN_PAST),
    ],
)
def test_a_decision_without_what_art_17_needs_changes_nothing(moderator, comment, choices, code):
    values = {
        "action": "remove",
        "ground": "guidelines",
        "rule": 1,
        "facts": "Insults.",
    } | choices
    with pytest.raises(DecisionRefused) as refused:
        deciding.decision_make(moderator=moderator, comment=comment, **values)
    assert refused.value.code == code
    comment.refresh_from_db()
    assert comment.is_published and not Decision.objects.exists()


def test_the_desk_form_keeps_the_moderators_choices(client_as, moderator, comment):
    url = reverse("notices:decide_comment", args=[comment.pk])
    response = client_as(moderator).post(
        url, {"action": "remove", "ground": "guidelines", "facts": "Insults a reader."}
    )
    assert response.status_code == 400
    assert "Insults a reader." in response.content.decode()
    assert not Decision.objects.exists()


def test_members_cannot_decide(client_as, member, comment):
    url = reverse("notices:decide_comment", args=[comment.pk])
    response = client_as(member).post(url, {"action": "remove"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.is_published


def test_a_restriction_hides_the_comment_and_a_suspension_suspends(moderator, thread, member):
    restricted = CommentFactory(thread=thread, author=member)
    deciding.decision_make(
        moderator=moderator, comment=restricted, action="restrict", ground="guidelines",
        rule=3, facts="Off topic.",
    )  # fmt: skip
    restricted.refresh_from_db()
    assert restricted.status == Comment.Status.PENDING
    assert restricted.hold_reason == Comment.HoldReason.RESTRICTED
    until = timezone.now() + timedelta(days=7)
    other = CommentFactory(thread=thread, author=member)
    deciding.decision_make(
        moderator=moderator, comment=other, action="suspend", ground="illegal",
        legal_category="hate", legal_ground="§ 130 StGB", facts="Incites hatred.",
        suspended_until=until,
    )  # fmt: skip
    member.refresh_from_db()
    assert member.is_suspended and member.suspended_until == until


def test_automated_detection_is_stated(moderator, thread):
    held = CommentFactory(
        thread=thread, status=Comment.Status.PENDING, hold_reason=Comment.HoldReason.SUSPECT_WORD
    )
    decision = deciding.decision_make(
        moderator=moderator, comment=held, action="remove", ground="guidelines", rule=1,
        facts="Insults.",
    )  # fmt: skip
    assert decision.automated_detection and not decision.automated_decision
    assert decision.source == Decision.Source.OWN_INITIATIVE
    assert TransparencyCount.objects.get(metric="automated", key="detection").count == 1


def test_the_author_appeals_and_another_moderator_reverses(
    client_as, member, moderator, second_moderator, removal, comment, thread, mailoutbox, committed
):
    notice, decision = removal
    reply = CommentFactory(thread=thread, parent=comment)
    client = client_as(member)
    response = client.post(
        reverse("notices:statement_appeal", args=[decision.reference]),
        {"text": "It quotes the article; it attacks no one."},
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.role == Appeal.Role.AUTHOR and appeal.appellant == member
    # The moderator who decided may not decide the appeal.
    desk = client_as(moderator)
    url = reverse("notices:appeal", args=[appeal.pk])
    assert desk.post(url, {"outcome": "reversed", "reason": "Mine."}).status_code == 403
    with pytest.raises(NotAllowed):
        appeals.appeal_decide(appeal=appeal, moderator=moderator, outcome="reversed", reason="x")
    mailoutbox.clear()
    with committed():
        appeals.appeal_decide(
            appeal=appeal, moderator=second_moderator, outcome="reversed", reason="A quotation."
        )
    # Decided once: a second decision (another tab, a second post) is refused, not a 500.
    again = client_as(second_moderator).post(url, {"outcome": "upheld", "reason": "Late."})
    assert again.status_code == 409
    assert "already decided" in again.content.decode()
    with pytest.raises(ModerationConflict, match="already decided"):
        appeals.appeal_decide(
            appeal=appeal, moderator=second_moderator, outcome="upheld", reason="x"
        )
    comment.refresh_from_db()
    reply.refresh_from_db()
    assert comment.is_published and reply.is_published
    assert ModerationAction.objects.filter(action="comment_restore", comment=comment).exists()
    assert ModerationAction.objects.filter(action="appeal_reversed").exists()
    told = sorted(message.to[0] for message in mailoutbox)
    assert told == sorted([member.email, notice.notifier_email])
    page = client_as(member).get(reverse("notices:statement", args=[decision.reference]))
    assert "Decision reversed" in page.content.decode()
    timeline = client_as(second_moderator).get(url).content.decode()
    for step in ("Notice " + notice.reference, "Decision " + decision.reference, "Appeal"):
        assert step in timeline
    assert "Outcome: Decision reversed" in timeline


def test_appeals_are_once_within_the_window_and_only_for_the_concerned(
    other_member, member, removal
):
    _, decision = removal
    with pytest.raises(NotAllowed):
        appeals.appeal_file(decision=decision, member=other_member, text="Unfair")
    with pytest.raises(ModerationError) as empty:
        appeals.appeal_file(decision=decision, member=member, text=" ")
    assert empty.value.code == Code.APPEAL_EMPTY
    appeals.appeal_file(decision=decision, member=member, text="Unfair")
    with pytest.raises(ModerationError) as again:
        appeals.appeal_file(decision=decision, member=member, text="Unfair!")
    assert again.value.code == Code.ALREADY_APPEALED
    Decision.objects.filter(pk=decision.pk).update(created_at=timezone.now() - timedelta(days=200))
    decision.refresh_from_db()
    Appeal.objects.all().delete()
    with pytest.raises(ModerationError) as late:
        appeals.appeal_file(decision=decision, member=member, text="Unfair")
    assert late.value.code == Code.APPEAL_CLOSED


def test_the_notifier_appeals_no_action_and_the_notice_comes_back(
    client, moderator, second_moderator, file_notice, comment
):
    notice = file_notice()
    decision = deciding.decision_make(
        moderator=moderator, comment=comment, action="no_action", facts="Lawful criticism."
    )
    notice.refresh_from_db()
    page = client.get(filing.status_path(notice)).content.decode()
    assert "Lawful criticism." in page and "Send appeal" in page
    response = client.post(filing.status_path(notice), {"text": "It names a private person."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.role == Appeal.Role.NOTIFIER and appeal.notice == notice
    appeals.appeal_decide(
        appeal=appeal, moderator=second_moderator, outcome="reversed", reason="It does."
    )
    notice.refresh_from_db()
    assert notice.is_open and decision.pk
    assert Notice.objects.filter(decided_at__isnull=True).count() == 1


def test_the_appellant_is_told_the_appeal_is_received(member, removal, mailoutbox, committed):
    _, decision = removal
    mailoutbox.clear()
    with committed():
        appeal = appeals.appeal_file(decision=decision, member=member, text="Unfair")
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert appeal.reference in mailoutbox[0].subject
