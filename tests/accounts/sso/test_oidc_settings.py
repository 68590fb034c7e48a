"""OpenID Connect: configured by the environment alone; the issuer is checked at each sign-in."""

import json
import subprocess
import sys

import pytest
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.conf import settings as django_settings
from django.test import RequestFactory

from accounts.sso.adapters import SocialAccountAdapter
from tests.accounts.test_environment_settings import settings_with
from tests.factories import UserFactory

OIDC = {
    "OIDC_ISSUER": "https://login.news.example/realms/readers/",
    "OIDC_CLIENT_ID": "forum",
    "OIDC_CLIENT_SECRET": "s3cret",
    "OIDC_SCOPES": "openid,email,profile,subscription",
    "OIDC_NAME": "The Daily Example",
}


def test_the_provider_follows_the_environment():
    apps, providers, _ = settings_with({})
    assert "allauth.socialaccount.providers.openid_connect" not in apps
    apps, providers, _ = settings_with(OIDC)
    assert "allauth.socialaccount.providers.openid_connect" in apps
    assert providers == ["openid_connect"]


def _login(issuer, *, user):
    account = SocialAccount(
        provider="newsroom",
        uid="sub-1",
        extra_data={"id_token": {"iss": issuer, "sub": "sub-1"}, "userinfo": {}},
    )
    return SocialLogin(account=account, user=user)


@pytest.fixture
def oidc(settings):
    settings.OIDC_ISSUER = "https://login.news.example/realms/readers"
    settings.OIDC_PROVIDER_ID = "newsroom"


def test_a_token_from_another_issuer_is_refused(db, oidc):
    request = RequestFactory().get("/accounts/oidc/newsroom/login/callback/")
    sociallogin = _login("https://elsewhere.example", user=UserFactory())
    with pytest.raises(ImmediateHttpResponse) as refusal:
        SocialAccountAdapter().pre_social_login(request, sociallogin)
    assert refusal.value.response.status_code == 403
    assert b"an issuer this site does not trust" in refusal.value.response.content


def test_the_configured_issuer_passes(db, oidc):
    request = RequestFactory().get("/accounts/oidc/newsroom/login/callback/")
    sociallogin = _login("https://login.news.example/realms/readers/", user=UserFactory())
    assert SocialAccountAdapter().pre_social_login(request, sociallogin) is None


def _form_action(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.SECURE_CSP['form-action']))"
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


def test_the_providers_sign_in_origin_may_receive_the_continue_redirect():
    # allauth's "Continue" posts here, then redirects to the provider: browsers apply
    # form-action to that redirect (tests/e2e/test_embed_oidc.py found it blocked).
    assert _form_action({}) == ["'self'"]
    assert _form_action(OIDC) == ["'self'", "https://login.news.example"]
    elsewhere = {**OIDC, "OIDC_AUTHORIZE_ORIGIN": "https://auth.news.example"}
    assert _form_action(elsewhere) == ["'self'", "https://auth.news.example"]
    github = {"GITHUB_CLIENT_ID": "id", "GITHUB_CLIENT_SECRET": "secret"}
    assert _form_action(github) == ["'self'", "https://github.com"]
