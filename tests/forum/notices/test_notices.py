"""Notice and action (Art. 16): anyone may send a notice; it is acknowledged, grouped,
rate-limited, refused from a suspended notifier, and queued with trusted flaggers first.
"""

import pytest
from django.urls import reverse

from forum.errors import RateLimited
from forum.models import Comment, ModerationAction, Notice, TransparencyCount
from forum.notices import filing, flaggers
from forum.notices.filing import NoticeRefused
from forum.refusals import Code
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def form_data(comment, **fields):
    return {
        "category": "defamation",
        "location": filing.comment_location(comment),
        "explanation": "It says a named person committed a crime; that is false.",
        "country": "FR",
        "name": "Ann Onymous",
        "email": "ann@example.net",
        "good_faith": "on",
    } | fields


def test_anyone_sees_the_link_on_a_comment_and_the_article(client, comment):
    page = client.get(comment.thread.url).content.decode()
    assert reverse("notices:notice_comment", args=[comment.pk]) in page
    assert reverse("notices:notice_thread", args=[comment.thread_id]) in page


def test_the_form_is_prefilled_with_the_permalink(client, comment):
    response = client.get(reverse("notices:notice_comment", args=[comment.pk]))
    assert response.status_code == 200
    assert filing.comment_location(comment) in response.content.decode()


def test_an_anonymous_reader_files_a_notice_and_is_acknowledged(
    client, comment, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("notices:notice_comment", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(comment), follow=True)
    notice = Notice.objects.get()
    assert notice.comment == comment and notice.notifier is None
    assert notice.reference in response.content.decode()
    assert response.redirect_chain[-1][0] == filing.status_path(notice)
    assert len(mailoutbox) == 1 and notice.reference in mailoutbox[0].subject
    assert mailoutbox[0].to == ["ann@example.net"]
    assert filing.status_path(notice) in mailoutbox[0].body
    entry = ModerationAction.objects.get(action=ModerationAction.Action.NOTICE_RECEIVED)
    assert entry.comment == comment
    assert TransparencyCount.objects.get(metric="notices").key == "defamation"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("category", "", Code.NOTICE_CATEGORY_MISSING),
        ("explanation", "  ", Code.NOTICE_EXPLANATION_MISSING),
        ("location", "", Code.NOTICE_LOCATION_MISSING),
        ("country", "", Code.NOTICE_COUNTRY_MISSING),
        ("email", "", Code.NOTICE_IDENTITY_MISSING),
        ("good_faith", "", Code.NOTICE_GOOD_FAITH_MISSING),
    ],
)
def test_a_missing_field_is_named_and_what_was_typed_is_kept(client, comment, field, value, code):
    data = form_data(comment, **{field: value})
    response = client.post(reverse("notices:notice_comment", args=[comment.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert str(filing.NoticeRefused(code)).replace("’", "&#x27;")[:30] in page.replace(
        "’", "&#x27;"
    )
    assert "It says a named person committed a crime" in page or field == "explanation"
    assert not Notice.objects.exists()


def test_child_sexual_abuse_material_needs_no_identity(file_notice):
    notice = file_notice(category="csam", name="", email="")
    assert notice.notifier_email == "" and notice.notifier_name == ""


def test_notices_on_one_comment_are_grouped(client_as, moderator, comment, file_notice):
    file_notice()
    file_notice(email="other@example.net", category="terrorism")
    page = client_as(moderator).get(reverse("notices:queue")).content.decode()
    assert "2 notices" in page
    assert page.count(reverse("notices:decide_comment", args=[comment.pk])) == 1


def test_the_limit_per_address_and_per_email(settings, file_notice):
    settings.NOTICE_RATE_PER_HOUR = 2
    file_notice(email="a@example.net")
    file_notice(email="b@example.net")
    with pytest.raises(RateLimited):
        file_notice(email="c@example.net")  # the same address
    file_notice(email="a@example.net", address="10.0.0.2")
    with pytest.raises(RateLimited):
        file_notice(email="a@example.net", address="10.0.0.3")  # the same e-mail
    assert Notice.objects.count() == 3


def test_trusted_flaggers_come_first(client_as, moderator, thread, file_notice):
    later = CommentFactory(thread=thread)
    file_notice()
    flaggers.flagger_add(moderator=moderator, name="Hate Aid", email_domain="hateaid.example")
    file_notice(location=filing.comment_location(later), email="desk@hateaid.example")
    trusted = Notice.objects.get(notifier_email="desk@hateaid.example")
    assert trusted.trusted_flagger.name == "Hate Aid"
    older = Notice.objects.exclude(pk=trusted.pk).get()
    page = client_as(moderator).get(reverse("notices:queue")).content.decode()
    assert page.index(reverse("notices:decide_comment", args=[later.pk])) < page.index(
        reverse("notices:decide_comment", args=[older.comment_id])
    )


def test_a_suspended_notifier_is_refused_with_a_record(moderator, file_notice, committed):
    notice = file_notice()
    with committed():
        flaggers.notifier_suspend(
            moderator=moderator, notice=notice, days=30, reason="Spam notices"
        )
    with pytest.raises(NoticeRefused) as refused:
        file_notice(address="10.9.9.9")
    assert refused.value.code == Code.NOTIFIER_SUSPENDED
    assert ModerationAction.objects.filter(action=ModerationAction.Action.NOTIFIER_SUSPEND).exists()
    assert TransparencyCount.objects.get(metric="notifier_suspensions").count == 1


def test_a_hidden_comment_cannot_be_noticed_through_its_page(client, thread):
    held = CommentFactory(thread=thread, status=Comment.Status.PENDING)
    assert client.get(reverse("notices:notice_comment", args=[held.pk])).status_code == 404


def test_the_status_page_needs_its_key(client, file_notice):
    notice = file_notice()
    assert client.get(filing.status_path(notice)).status_code == 200
    wrong = reverse("notices:status", args=[notice.reference, "x" * 32])
    assert client.get(wrong).status_code == 404


def test_the_desk_queues_are_for_moderators(client, client_as, member):
    url = reverse("notices:queue")
    assert client.get(url).status_code == 302
    assert client_as(member).get(url).status_code == 403
