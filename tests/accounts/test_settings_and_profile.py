"""Accounts: the settings page, the public profile and the avatar."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts import profile_sections
from accounts.models import User
from forum.models import Comment, Thread
from tests.accounts.helpers import profile_values
from tests.factories import UserFactory


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
