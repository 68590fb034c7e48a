"""The embed's sign-in popup: who gets a token, for which site, and the window's opener."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from forum.embed.popup import POPUP_SECONDS, SESSION_KEY
from forum.embed.tokens import (
    embed_token_authenticate,
    embed_token_create,
    embed_token_revoke,
)
from forum.models import EmbedToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "https://news.example"
URL = f"/embed/sign-in/?host={HOST}"


@pytest.fixture(autouse=True)
def allowed(settings):
    settings.EMBED_ALLOWED_ORIGINS = [HOST]


def token_of(response):
    """Return the token the popup's page carries for its opener, or None."""
    html = response.content.decode()
    marker = 'data-token="'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_a_signed_out_reader_signs_in_first_and_the_window_keeps_its_opener(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/embed/sign-in/")
    assert response["Cross-Origin-Opener-Policy"] == "unsafe-none"
    # The sign-in page, in that window, keeps the opener too (the session says so) ...
    login = client.get(response["Location"])
    assert login.status_code == 200
    assert login["Cross-Origin-Opener-Policy"] == "unsafe-none"
    # ... while the same page elsewhere keeps the site's policy.
    assert Client().get("/accounts/login/")["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_member_confirms_then_gets_a_token_for_that_site_only(client_as, member):
    client = client_as(member)
    page = client.get(URL)
    assert page.status_code == 200
    assert f"Continue to {HOST}" in page.content.decode()
    assert token_of(page) is None and not EmbedToken.objects.exists()  # a GET writes nothing

    posted = client.post("/embed/sign-in/", {"host": HOST})
    assert posted.status_code == 200
    assert posted["Cache-Control"] == "no-store"
    assert posted["Cross-Origin-Opener-Policy"] == "unsafe-none"
    secret = token_of(posted)
    token = embed_token_authenticate(secret)
    assert token.member == member and token.host == HOST
    assert timedelta(minutes=59) < token.expires_at - timezone.now() <= timedelta(minutes=60)
    assert SESSION_KEY not in client.session  # the popup is done: the site's COOP again
    assert client.get("/accounts/settings/")["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_token_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post("/embed/sign-in/", {"host": HOST}).status_code == 403
    assert not EmbedToken.objects.exists()


@pytest.mark.parametrize("host", ["https://evil.example", "", "javascript:alert(1)"])
def test_a_site_not_allowed_gets_no_token(client_as, member, host):
    client = client_as(member)
    assert client.get(f"/embed/sign-in/?host={host}").status_code == 400
    response = client.post("/embed/sign-in/", {"host": host})
    assert response.status_code == 400
    assert token_of(response) is None and not EmbedToken.objects.exists()


def test_tokens_are_rate_limited_per_member(client_as, member, settings):
    settings.EMBED_TOKEN_RATE_PER_HOUR = 1
    client = client_as(member)
    assert token_of(client.post("/embed/sign-in/", {"host": HOST}))
    again = client.post("/embed/sign-in/", {"host": HOST})
    assert again.status_code == 429
    assert token_of(again) is None
    assert "too often" in again.content.decode()
    assert EmbedToken.objects.count() == 1


def test_expired_revoked_and_deactivated_tokens_open_nothing(member, settings):
    secret = embed_token_create(member=member, host=HOST)
    assert embed_token_authenticate(secret) is not None
    assert embed_token_authenticate(secret + "x") is None
    assert embed_token_authenticate("inv_" + secret[4:]) is None
    EmbedToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert embed_token_authenticate(secret) is None

    second = embed_token_create(member=member, host=HOST)
    assert embed_token_revoke(second) is True
    assert embed_token_revoke(second) is False
    assert embed_token_authenticate(second) is None

    third = embed_token_create(member=member, host=HOST)
    member.is_active = False
    member.save()
    assert embed_token_authenticate(third) is None


def test_signing_out_of_the_site_revokes_every_embed_token(client, member):
    other = UserFactory()
    mine = [embed_token_create(member=member, host=HOST) for _ in range(2)]
    theirs = embed_token_create(member=other, host=HOST)
    client.force_login(member)
    client.post("/accounts/logout/")
    assert [embed_token_authenticate(s) for s in mine] == [None, None]
    assert embed_token_authenticate(theirs) is not None


def test_an_abandoned_popup_relaxes_the_opener_policy_for_a_while_only(client, monkeypatch):
    client.get(URL)
    assert client.get("/accounts/login/")["Cross-Origin-Opener-Policy"] == "unsafe-none"
    later = time.time() + POPUP_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/accounts/login/")["Cross-Origin-Opener-Policy"] == "same-origin"
