"""Personal access tokens: created on the settings page, shown once, stored hashed, revoked."""

import hashlib

import pytest
from django.urls import reverse

from accounts.models import AccessToken
from accounts.tokens import MAX_ACTIVE_TOKENS, token_authenticate, token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_secret_is_shown_once_and_stored_hashed(client_as, member):
    client = client_as(member)
    response = client.post(reverse("accounts:token_new"), {"name": "My app", "scope": "write"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = AccessToken.objects.get(user=member)
    secret = response.context["new_secret"]
    assert secret.startswith("inv_") and len(secret) > 40
    assert secret in response.content.decode()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.digest}
    assert token.prefix == secret[:12] and token.scope == "write"
    again = client.get(reverse("accounts:settings")).content.decode()
    assert secret not in again and token.prefix in again and "My app" in again


def test_token_authenticates_until_revoked(client_as, member, thread):
    token, secret = token_create(user=member, name="x", scope="read")
    assert token_authenticate(secret) == token
    assert token_authenticate(secret + "x") is None
    headers = {"Authorization": f"Bearer {secret}"}
    client = client_as(member)
    response = client.get(f"/api/v1/threads/{thread.pk}/", headers=headers)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get(f"/api/v1/threads/{thread.pk}/", headers=headers).status_code == 401


def test_only_the_owner_revokes(client_as, member, other_member):
    token, secret = token_create(user=other_member, name="theirs", scope="read")
    client_as(member).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert token_authenticate(secret) is not None


def test_deactivated_members_token_stops(member):
    _, secret = token_create(user=member, name="x", scope="write")
    member.is_active = False
    member.save()
    assert token_authenticate(secret) is None


def test_anonymous_cannot_manage_tokens(client):
    response = client.post(reverse("accounts:token_new"), {"name": "x", "scope": "read"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AccessToken.objects.exists()


def test_bad_token_form_and_cap(client_as):
    owner = UserFactory()
    client = client_as(owner)
    bad = client.post(reverse("accounts:token_new"), {"name": "", "scope": "admin"})
    assert bad.status_code == 400 and not AccessToken.objects.exists()
    for i in range(MAX_ACTIVE_TOKENS):
        token_create(user=owner, name=f"t{i}", scope="read")
    full = client.post(reverse("accounts:token_new"), {"name": "one more", "scope": "read"})
    assert full.status_code == 400 and "Revoke one" in full.content.decode()
