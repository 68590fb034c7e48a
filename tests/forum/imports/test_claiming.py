"""A member with the same verified e-mail address claims a guest's imported comments."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from forum.comments.archives import comments_claim
from forum.errors import NotAllowed
from forum.imports.guests import guests_erase_emails
from forum.imports.runner import run_import
from forum.models import Comment, GuestAuthor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))


@pytest.fixture
def alice(imported):
    return UserFactory(username="alice", email="ALICE@example.com")


def test_the_page_shows_what_would_be_claimed_and_changes_nothing(client, alice):
    client.force_login(alice)
    page = client.get(reverse("imports:claim")).content.decode()
    assert "2 comments as “<bdi>Alice Martin</bdi>”" in page
    assert "First! This is **important**" in page
    assert not Comment.objects.filter(author=alice).exists()


def test_claiming_shows_the_comments_under_the_members_name(client, alice, mailoutbox):
    guest = GuestAuthor.objects.get(key="user:alicem")
    client.force_login(alice)
    response = client.post(reverse("imports:claim"), {"guest": [guest.pk]})
    assert response.status_code == 302
    claimed = Comment.objects.filter(author=alice)
    assert sorted(claimed.values_list("import_key", flat=True)) == ["9001", "9007"]
    assert claimed.first().author_name == "alice"
    guest.refresh_from_db()
    assert guest.claimed_by == alice and guest.email == ""  # erased once it served
    assert client.get(reverse("imports:claim")).content.decode().count("as “") == 0


def test_an_unverified_address_claims_nothing(client, imported):
    member = UserFactory(email="alice@example.com", verified=False)
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    guest = GuestAuthor.objects.get(key="user:alicem")
    with pytest.raises(NotAllowed):
        comments_claim(member=member, guests=[guest])
    client.force_login(member)
    client.post(reverse("imports:claim"), {"guest": [guest.pk]})
    assert not Comment.objects.filter(author=member).exists()


def test_someone_elses_guest_cannot_be_claimed(client, alice):
    bob = GuestAuthor.objects.get(key="user:bobby")
    with pytest.raises(NotAllowed):
        comments_claim(member=alice, guests=[bob])
    client.force_login(alice)
    client.post(reverse("imports:claim"), {"guest": [bob.pk]})
    assert not Comment.objects.filter(author=alice).exists()


def test_addresses_are_erased_after_the_keeping_time(imported):
    GuestAuthor.objects.filter(key="user:alicem").update(
        email_kept_until=timezone.now() - timedelta(seconds=1)
    )
    assert guests_erase_emails() == 1
    assert GuestAuthor.objects.get(key="user:alicem").email == ""
    assert GuestAuthor.objects.get(key="user:bobby").email == "bob@example.org"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("imports:claim"))
    assert response.status_code == 302 and "login" in response["Location"]
