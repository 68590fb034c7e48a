"""Accounts: sign-up with a verified e-mail, sign-in, password reset, settings, export, deletion."""

import json
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import resolve, reverse

from accounts import data_export, profile_sections
from accounts.models import User
from accounts.services import account_delete
from accounts.signals import account_deleting
from forum.models import Comment, Thread
from tests.factories import UserFactory
from tests.helpers import PASSWORD, html_body, sign_up

NEW_PASSWORD = "another-quite-long-password-42"
LINK = re.compile(r"https?://[^\s\"'<>]+")


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def links_in(text):
    return LINK.findall(text)


def profile_values(user):
    user = User.objects.get(pk=user.pk)
    return (user.display_name, user.bio, user.website, user.notify_replies, user.notify_follows)


# Sign-up and e-mail verification ----------------------------------------------------------


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
    assert django_settings.SITE_NAME in html and '<html lang="en">' in html
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

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-bad-key/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
]
SIGNED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
]


def assert_our_layout(response):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert html.count("<main ") == 1
    assert html.count("<h1") == 1, "exactly one h1"
    assert "<title>" in html and django_settings.SITE_NAME in html.split("</title>")[0]
    assert "style=" not in html  # the strict CSP allows no inline styles
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html) is None
    # Every visible input has a label.
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, f"input #{input_id} has no label"
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_allauth_pages_for_visitors_use_our_layout(client, path):
    assert_our_layout(client.get(path, follow=True))


@pytest.mark.django_db
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_allauth_pages_for_members_use_our_layout(client, member, path):
    client.force_login(member)
    assert_our_layout(client.get(path, follow=True))


@pytest.mark.django_db
def test_password_and_email_changes_ask_for_the_password_again(client, member, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0  # the sign-in is no longer recent
    client.force_login(member)
    # Changing the password needs the current one in the form itself.
    html = client.get(reverse("account_change_password")).content.decode()
    assert 'name="oldpassword"' in html
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert User.objects.get(pk=member.pk).check_password(PASSWORD)
    # Adding an e-mail address sends the member to reauthenticate first.
    response = client.post(
        reverse("account_email"), {"email": "second@example.org", "action_add": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="second@example.org").exists()


@pytest.mark.django_db
def test_login_page_with_errors_keeps_our_layout(client, member):
    response = client.post(reverse("account_login"), {"login": member.username, "password": "x"})
    html = assert_our_layout(response)
    assert 'class="form-errors"' in html
    assert f'value="{member.username}"' in html  # what was typed stays


@pytest.mark.django_db
def test_signup_errors_appear_beside_the_fields(client):
    response = sign_up(client, email="not-an-email", password="short")
    html = assert_our_layout(response)
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'value="newcomer"' in html


@pytest.mark.django_db
def test_header_links_to_settings_when_signed_in(client, member):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert f'href="{reverse("accounts:settings")}"' in html
    assert f'href="{reverse("accounts:profile", args=[member.username])}"' in html


# The banner for unconfirmed addresses -----------------------------------------------------


@pytest.mark.django_db
def test_unverified_member_sees_banner_with_resend_button(client, unverified_member):
    client.force_login(unverified_member)
    html = client.get("/").content.decode()
    assert "Confirm your e-mail address to join discussions" in html
    assert f'action="{reverse("account_email")}"' in html
    assert 'name="action_send"' in html
    response = client.post(
        reverse("account_email"), {"email": unverified_member.email, "action_send": ""}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == [unverified_member.email]
    assert "/accounts/confirm-email/" in mail.outbox[-1].body


@pytest.mark.django_db
def test_banner_hidden_for_verified_members_and_visitors(client, member):
    assert "Confirm your e-mail address" not in client.get("/").content.decode()
    client.force_login(member)
    assert "Confirm your e-mail address" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_banner_costs_visitors_no_query(client, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template('{% include "accounts/_verify_banner.html" %}')
    with django_assert_num_queries(0):
        assert template.render(Context({"user": request.user, "request": request})).strip() == ""


# Settings ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_settings_requires_sign_in(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_account_urls_do_not_clash_with_allauth():
    for name, path in [
        ("accounts:settings", "/accounts/settings/"),
        ("accounts:export", "/accounts/export/"),
        ("accounts:delete", "/accounts/delete/"),
        ("accounts:profile", "/users/someone/"),
    ]:
        assert resolve(path).view_name == name


@pytest.mark.django_db
def test_settings_page_links_to_email_and_password_pages(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert f'href="{reverse("account_email")}"' in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'action="{reverse("accounts:export")}"' in html
    assert f'href="{reverse("accounts:delete")}"' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_settings_saves_profile_and_preferences(client, member):
    client.force_login(member)
    assert member.notify_replies and not member.notify_follows  # the defaults
    response = client.post(
        reverse("accounts:settings"),
        {
            "display_name": "  Ada   Reader ",
            "bio": "Reads everything.\nComments sometimes.",
            "website": "https://ada.example.org/",
            "notify_follows": "on",
        },
    )
    assert response.status_code == 302
    assert profile_values(member) == (
        "Ada Reader",
        "Reads everything.\nComments sometimes.",
        "https://ada.example.org/",
        False,
        True,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Your profile has been saved." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value, message",
    [
        ("website", "javascript:alert(1)", "http:// or https://"),
        ("website", "ftp://files.example.org/", "http:// or https://"),
        ("website", "not a url", "http:// or https://"),
        ("bio", "x" * 501, "at most 500 characters"),
        ("display_name", "y" * 61, "at most 60 characters"),
    ],
)
def test_invalid_settings_show_the_error_beside_the_field_and_save_nothing(
    client, member, field, value, message
):
    client.force_login(member)
    before = profile_values(member)
    data = {
        "display_name": "A new name",
        "bio": "A new bio",
        "website": "https://ok.example.org/",
        "notify_replies": "",
        "notify_follows": "on",
        field: value,
    }
    response = client.post(reverse("accounts:settings"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert profile_values(member) == before
    error = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert error and message in error.group(1)
    assert error.group(1).count("<li>") == 1  # said once
    assert "Nothing was saved" in html
    # What the member typed stays in the form; the header keeps the saved name.
    for typed in (data["display_name"], data["bio"], data["website"]):
        assert typed in html
    assert "A new name" not in html.split("</header>")[0]


# The public profile and the avatar --------------------------------------------------------


@pytest.mark.django_db
def test_profile_shows_public_fields_and_escapes_them(client):
    member = UserFactory(
        username="ada",
        display_name="Ada <b>Bold</b>",
        bio="First line\n<script>alert(1)</script>",
        website="https://ada.example.org/",
    )
    html = client.get(reverse("accounts:profile", args=["ada"])).content.decode()
    assert "Ada &lt;b&gt;Bold&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'href="https://ada.example.org/"' in html
    assert "@ada" in html and "joined" in html
    assert member.email not in html  # e-mail addresses are never public
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_profile_of_unknown_or_inactive_member_is_404(client):
    UserFactory(username="gone", is_active=False)
    assert client.get("/users/gone/").status_code == 404
    assert client.get("/users/nobody/").status_code == 404


@pytest.mark.django_db
def test_profile_without_sections_shows_an_honest_empty_state(client, member, monkeypatch):
    monkeypatch.setattr(profile_sections, "_sections", [])
    html = client.get(reverse("accounts:profile", args=[member.username])).content.decode()
    assert "No comments yet." in html


@pytest.mark.django_db
def test_profile_renders_registered_sections(client, member, monkeypatch):
    monkeypatch.setattr(profile_sections, "_sections", [])
    profile_sections.register_profile_section(
        "accounts/_avatar.html", lambda member, request: {"size": "large"}
    )
    profile_sections.register_profile_section("accounts/_avatar.html", lambda m, r: None)
    html = client.get(reverse("accounts:profile", args=[member.username])).content.decode()
    assert "No comments yet." not in html
    assert html.count("avatar--large") == 2  # the header's and the registered one


@pytest.mark.django_db
@pytest.mark.parametrize("comments", [1, 25])
def test_profile_queries_stay_constant(client, member, django_assert_max_num_queries, comments):
    thread = Thread.objects.create(key="t:1", title="A thread", url="/t/")
    for i in range(comments):
        Comment.objects.create(thread=thread, author=member, body=f"c{i}", body_html=f"<p>c{i}</p>")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("accounts:profile", args=[member.username]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_avatar_is_initials_on_a_stable_tone_without_queries(django_assert_num_queries):
    member = UserFactory(username="ada", display_name="ada lovelace")
    other = UserFactory(username="zed", display_name="")
    with django_assert_num_queries(0):
        html = render_to_string("accounts/_avatar.html", {"member": member, "size": "large"})
        other_html = render_to_string("accounts/_avatar.html", {"member": other})
    assert ">AL</span>" in html and "avatar--large" in html
    assert f"avatar--tone-{member.avatar_tone}" in html
    assert ">Z</span>" in other_html and "avatar--small" in other_html
    assert 0 <= member.avatar_tone < 8
    assert User(username="ada").avatar_tone == member.avatar_tone  # stable across processes
    assert 'aria-hidden="true"' in html


def test_avatar_initials_escape_and_fall_back():
    assert User(username="x", display_name="<i> am").initials == "A"
    assert User(username="bob", display_name="🙂").initials == "B"
    html = render_to_string(
        "accounts/_avatar.html", {"member": User(username="<q", display_name="")}
    )
    assert "&lt;" in html and "<q" not in html


# Download my data -------------------------------------------------------------------------


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


# Settings switched by the environment -----------------------------------------------------


def settings_with(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.INSTALLED_APPS, sorted(settings.SOCIALACCOUNT_PROVIDERS), "
        "settings.MAILERS['default']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "forum.settings",
            "DEBUG": "1",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    return json.loads(result.stdout)


def test_social_providers_follow_the_environment():
    apps, providers, _ = settings_with({})
    assert providers == [] and not any("providers" in a for a in apps)
    apps, providers, _ = settings_with(
        {
            "GITHUB_CLIENT_ID": "id",
            "GITHUB_CLIENT_SECRET": "s",
            "GOOGLE_CLIENT_ID": "id",
            "GOOGLE_CLIENT_SECRET": "s",
        }
    )
    assert providers == ["github", "google"]
    assert "allauth.socialaccount.providers.github" in apps
    assert "allauth.socialaccount.providers.google" in apps


def test_file_email_backend_follows_the_environment(tmp_path):
    *_, mailer = settings_with(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path),
        }
    )
    assert mailer == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path)},
    }
