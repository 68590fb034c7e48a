import pytest

from tests.accounts.sso.helpers import SECRET


@pytest.fixture
def sso_secret(db, settings):
    """Turn on the signed-token hand-off with a shared secret (HS256)."""
    settings.SSO_TOKEN_SECRET = SECRET
    settings.SSO_TOKEN_JWKS_URL = ""
    settings.SSO_TOKEN_ISSUER = ""
    settings.SSO_TOKEN_AUDIENCE = ""
    return SECRET
