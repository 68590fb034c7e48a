"""Accounts: data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import data_export
from accounts.models import User
from accounts.services import account_delete
from accounts.signals import account_deleting
from forum.models import Comment, Thread
from tests.accounts.helpers import profile_values, signed_in_user_id
from tests.factories import UserFactory
from tests.helpers import PASSWORD, sign_up


@pytest.mark.django_db
def test_export_is_a_json_attachment_of_the_members_data(client, member):
    member.display_name = "Ada"
    member.bio = "Bio"
    member.save()
    client.force_login(member)
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith(f'attachment; filename="{member.username}-')
    data = json.loads(response.content)
    assert data["profile"]["username"] == member.username
    assert data["profile"]["display_name"] == "Ada"
    assert data["profile"]["bio"] == "Bio"
    assert data["profile"]["notify_replies"] is True
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]
    assert "password" not in json.dumps(data)


@pytest.mark.django_db
def test_export_includes_registered_parts(member, monkeypatch):
    monkeypatch.setattr(data_export, "_parts", dict(data_export._parts))
    data_export.register("greeting", lambda user: {"hello": user.username})
    assert data_export.export_for(member)["greeting"] == {"hello": member.username}


@pytest.mark.django_db
def test_export_is_post_only_and_members_only(client, member):
    assert client.post(reverse("accounts:export"))["Location"].startswith(reverse("account_login"))
    client.force_login(member)
    assert client.get(reverse("accounts:export")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:export", "accounts:delete", "accounts:settings"])
def test_account_writes_need_the_csrf_token(member, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    before = profile_values(member)
    response = client.post(reverse(name), {"password": PASSWORD, "display_name": "Changed"})
    assert response.status_code == 403
    assert User.objects.filter(pk=member.pk).exists()
    assert profile_values(member) == before


# Delete my account ------------------------------------------------------------------------


@pytest.mark.django_db
def test_delete_page_explains_what_happens(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:delete")).content.decode()
    assert "[deleted member]" in html
    assert "Also remove my comments" in html
    assert 'type="password"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_delete_requires_sign_in(client):
    assert client.get(reverse("accounts:delete"))["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_delete_with_wrong_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:delete"), {"password": "wrong", "remove_comments": "on"}
    )
    assert response.status_code == 200
    assert "That password is not right" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    assert EmailAddress.objects.filter(user=member).exists()
    assert signed_in_user_id(client) == str(member.pk)


@pytest.mark.django_db
def test_delete_keeps_comments_anonymised_and_frees_the_email(client, member):
    thread = Thread.objects.create(key="t:1", title="A thread", url="/t/")
    comment = Comment.objects.create(thread=thread, author=member, body="x", body_html="<p>x</p>")
    email, username = member.email, member.username
    client.force_login(member)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert "Your account has been deleted." in client.get(response["Location"]).content.decode()

    assert not User.objects.filter(username=username).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    comment.refresh_from_db()
    assert comment.author is None
    assert comment.author_name == "[deleted member]"
    assert comment.body == "x" and comment.status == Comment.Status.PUBLISHED

    # Signing in is impossible, and the address can sign up again.
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert signed_in_user_id(client) is None
    mail.outbox.clear()
    sign_up(client, email=email, username="reborn")
    assert User.objects.filter(username="reborn", email=email).exists()
    assert "Confirm your e-mail address" in mail.outbox[0].subject


@pytest.mark.django_db
def test_account_deleting_signal_comes_first_with_the_members_choice(member):
    seen = []
    pk = member.pk

    def receiver(sender, user, remove_comments, **kwargs):
        seen.append((sender, user.pk, remove_comments, User.objects.filter(pk=user.pk).exists()))

    account_deleting.connect(receiver)
    try:
        account_delete(user=member, remove_comments=True)
    finally:
        account_deleting.disconnect(receiver)
    assert seen == [(User, pk, True, True)]
    assert not User.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_deletion_is_atomic(member):
    def broken(sender, **kwargs):
        EmailAddress.objects.filter(user=kwargs["user"]).delete()
        raise RuntimeError("boom")

    account_deleting.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            account_delete(user=member, remove_comments=False)
    finally:
        account_deleting.disconnect(broken)
    assert User.objects.filter(pk=member.pk).exists()
    assert EmailAddress.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_delete_passes_the_remove_comments_choice(client, member):
    seen = []
    account_deleting.connect(
        lambda sender, remove_comments, **kw: seen.append(remove_comments),
        weak=False,
        dispatch_uid="test-choice",
    )
    try:
        client.force_login(member)
        client.post(reverse("accounts:delete"), {"password": PASSWORD, "remove_comments": "on"})
    finally:
        account_deleting.disconnect(dispatch_uid="test-choice")
    assert seen == [True]


@pytest.mark.django_db
def test_delete_without_a_usable_password_asks_for_the_username(client):
    member = UserFactory(username="social")
    member.set_unusable_password()
    member.save()
    client.force_login(member)
    response = client.post(reverse("accounts:delete"), {"password": "not-me"})
    assert response.status_code == 200 and User.objects.filter(pk=member.pk).exists()
    client.post(reverse("accounts:delete"), {"password": "social"})
    assert not User.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_delete_attempts_are_rate_limited(client, member):
    client.force_login(member)
    for _ in range(10):
        client.post(reverse("accounts:delete"), {"password": "wrong"})
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 429
    assert User.objects.filter(pk=member.pk).exists()
