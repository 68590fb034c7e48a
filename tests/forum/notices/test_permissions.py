"""Every write of the desk's DSA pages, for each actor: anonymous (sign-in redirect), a member
(403, nothing changed), a moderator (done).
"""

import pytest
from django.urls import reverse

from forum.models import Appeal, Decision, NotifierSuspension, TrustedFlagger
from forum.notices import appeals, flaggers
from forum.notices.filing import status_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagger(moderator):
    return flaggers.flagger_add(
        moderator=moderator, name="Hate Aid", email_domain="hateaid.example"
    )


def writes(notice, comment, flagger, appeal):
    return [
        (
            reverse("notices:decide_comment", args=[comment.pk]),
            {"action": "no_action", "facts": "Lawful."},
            lambda: Decision.objects.filter(action="no_action").exists(),
        ),
        (
            reverse("notices:notifier_suspend", args=[notice.pk]),
            {"days": "30", "reason": "Unfounded notices."},
            lambda: NotifierSuspension.objects.exists(),
        ),
        (
            reverse("notices:flaggers"),
            {"name": "Another", "email_domain": "another.example"},
            lambda: TrustedFlagger.objects.filter(name="Another").exists(),
        ),
        (
            reverse("notices:flagger_remove", args=[flagger.pk]),
            {},
            lambda: not TrustedFlagger.objects.get(pk=flagger.pk).active,
        ),
        (
            reverse("notices:appeal", args=[appeal.pk]),
            {"outcome": "upheld", "reason": "Rightly removed."},
            lambda: Appeal.objects.filter(outcome="upheld").exists(),
        ),
    ]


@pytest.fixture
def world(removal, comment, member, flagger):
    notice, decision = removal
    appeal = appeals.appeal_file(decision=decision, member=member, text="Unfair")
    return notice, comment, flagger, appeal


@pytest.mark.parametrize("index", range(5))
def test_each_desk_write_for_each_actor(client, client_as, member, second_moderator, world, index):
    url, data, done = writes(*world)[index]
    response = client.post(url, data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_as(member).post(url, data).status_code == 403
    assert not done()
    client.logout()
    assert client_as(second_moderator).post(url, data).status_code == 302
    assert done()


def test_a_member_cannot_appeal_for_another(client_as, other_member, removal):
    _, decision = removal
    url = reverse("notices:statement_appeal", args=[decision.reference])
    assert client_as(other_member).post(url, {"text": "Unfair"}).status_code == 403
    assert not Appeal.objects.exists()


def test_the_notifier_cannot_appeal_a_removal(client, removal):
    notice, _ = removal
    assert client.post(status_path(notice), {"text": "More!"}).status_code == 403
    assert not Appeal.objects.exists()
