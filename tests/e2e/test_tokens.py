"""A member creates, uses and revokes an API token on the settings page, in Chromium."""

import pytest
from playwright.sync_api import expect

from accounts.models import AccessToken
from tests.e2e.conftest import run_axe
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_creates_and_revokes_a_token(page, live_server, sign_in, axe_source, page_problems):
    member = UserFactory(username="reader")
    sign_in(page, member)
    page.goto(f"{live_server.url}/accounts/settings/")
    page.get_by_label("What is this token for?").fill("My newsroom app")
    page.get_by_label("Access").select_option("write")
    page.get_by_role("button", name="Create a token").click()
    secret = page.locator(".token-secret").inner_text()
    assert secret.startswith("inv_")
    row = page.locator(".token-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("My newsroom app")
    expect(row).to_contain_text("Read and write")
    assert run_axe(page, axe_source) == []

    response = page.request.get(
        f"{live_server.url}/api/v1/members/reader/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 200

    page.goto(f"{live_server.url}/accounts/settings/")
    expect(page.locator(".token-secret")).to_have_count(0)  # shown once only
    expect(row.locator("td").nth(4)).not_to_have_text("Never")  # its use is shown
    page.get_by_role("button", name="Revoke My newsroom app").click()
    expect(page.locator(".token-table")).to_have_count(0)
    assert AccessToken.objects.get().revoked_at is not None
    gone = page.request.get(
        f"{live_server.url}/api/v1/members/reader/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert gone.status == 401
    assert page_problems == []
