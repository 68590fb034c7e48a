"""Accounts: sign-up with a verified e-mail, sign-in, sign-out and password reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import NEW_PASSWORD, signed_in_user_id
from tests.helpers import PASSWORD, html_body, sign_up

LINK = re.compile(r"https?://[^\s\"'<>]+")


def links_in(text):
    return LINK.findall(text)


@pytest.mark.django_db
def test_sign_up_sends_branded_confirmation_in_text_and_html(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(username="newcomer")
    assert not user.has_verified_email
    assert not user.can_participate

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert message.subject == f"[{django_settings.SITE_NAME}] Confirm your e-mail address"
    text_links = [u for u in links_in(message.body) if "/confirm-email/" in u]
    assert len(text_links) == 1
    link = text_links[0]
    assert link.startswith(django_settings.SITE_URL + "/accounts/confirm-email/")
    html = html_body(message)
    assert f'href="{link}"' in html
    assert django_settings.SITE_NAME in html and '<html lang="en" dir="ltr">' in html
    assert "example.com" not in message.body + html  # not the django.contrib.sites default


@pytest.mark.django_db
def test_links_use_site_url_whatever_the_request_host(client, settings):
    settings.SITE_URL = "https://forum.example.net"
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    client.post(
        reverse("account_signup"),
        {"email": "a@example.org", "username": "aaa", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="evil.example",
    )
    link = [u for u in links_in(mail.outbox[0].body) if "/confirm-email/" in u][0]
    assert link.startswith("https://forum.example.net/accounts/confirm-email/")
    assert "evil.example" not in mail.outbox[0].body + html_body(mail.outbox[0])


@pytest.mark.django_db
def test_confirming_the_email_verifies_signs_in_and_allows_participation(client):
    sign_up(client)
    link = [u for u in links_in(mail.outbox[0].body) if "/confirm-email/" in u][0]
    path = link.removeprefix(django_settings.SITE_URL)
    page = client.get(path)
    assert page.status_code == 200
    assert b"Confirm" in page.content
    response = client.post(path)
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert EmailAddress.objects.get(user=user).verified
    assert user.has_verified_email
    assert user.can_participate
    assert signed_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_unverified_member_cannot_participate_or_sign_in(client, unverified_member):
    assert unverified_member.is_active
    assert not unverified_member.can_participate
    response = client.post(
        reverse("account_login"), {"login": unverified_member.username, "password": PASSWORD}
    )
    # Mandatory verification: no session, a fresh confirmation e-mail instead.
    assert signed_in_user_id(client) is None
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [unverified_member.email]


@pytest.mark.django_db
def test_suspended_or_banned_member_cannot_participate(member):
    from datetime import timedelta

    from django.utils import timezone

    assert member.can_participate
    member.suspended_until = timezone.now() + timedelta(days=1)
    assert not member.can_participate
    member.suspended_until = None
    member.banned_at = timezone.now()
    assert not member.can_participate


@pytest.mark.django_db
def test_sign_up_refuses_a_taken_email_without_saying_so(client, member):
    response = sign_up(client, email=member.email, username="someone-else")
    # Enumeration prevention: same answer as a fresh sign-up; the owner gets a heads-up.
    assert response.status_code == 302
    assert not User.objects.filter(username="someone-else").exists()
    assert mail.outbox[0].to == [member.email]
    assert "already" in mail.outbox[0].subject
    assert reverse("account_reset_password") in mail.outbox[0].body


@pytest.mark.django_db
def test_sign_up_applies_password_validators(client):
    response = sign_up(client, password="12345678")
    assert response.status_code == 200
    assert not User.objects.filter(username="newcomer").exists()
    assert b"too common" in response.content
    assert b"entirely numeric" in response.content


# Signing in -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("login_with", ["email", "username"])
def test_sign_in_by_email_or_username(client, member, login_with):
    login = getattr(member, login_with)
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(member.pk)


@pytest.mark.django_db
def test_sign_in_with_wrong_password_fails_with_a_message(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.username, "password": "not-it"}
    )
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert b"not correct" in response.content


@pytest.mark.django_db
def test_sign_out_is_post_only(client, member):
    client.force_login(member)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200  # a confirmation page, still signed in
    assert signed_in_user_id(client) == str(member.pk)
    client.post(reverse("account_logout"))
    assert signed_in_user_id(client) is None


# Password reset ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_end_to_end(client, member):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject.endswith("Reset your password")
    link = [u for u in links_in(message.body) if "/password/reset/key/" in u][0]
    assert link.startswith(django_settings.SITE_URL + "/accounts/password/reset/key/")
    assert f'href="{link}"' in html_body(message)
    assert member.username in message.body

    # allauth moves the key into the session, then shows the form.
    form_page = client.get(link.removeprefix(django_settings.SITE_URL), follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    fresh = Client()
    fresh.post(reverse("account_login"), {"login": member.username, "password": PASSWORD})
    assert signed_in_user_id(fresh) is None
    fresh.post(reverse("account_login"), {"login": member.email, "password": NEW_PASSWORD})
    assert signed_in_user_id(fresh) == str(member.pk)


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client, member):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox[0].to == ["nobody@example.org"]
    assert django_settings.SITE_URL + reverse("account_signup") in mail.outbox[0].body


# Every allauth page in our layout ---------------------------------------------------------
