"""Accounts and sign-in settings: allauth, social sign-in, and sign-in with the newsroom's accounts.

Kept apart from forum/settings.py, which reads them with `sign_in_settings` (one subject a
module). Every value comes from the environment as there; docs/settings.md lists them.
"""

from urllib.parse import urlsplit


def sign_in_settings(env, installed_apps, csp, *, site_name, site_url):
    """Return the settings by name; add the configured providers' apps to `installed_apps`
    and their sign-in origins to the CSP's form-action (`csp`)."""
    s = {}
    # allauth
    s["ACCOUNT_LOGIN_METHODS"] = {"email", "username"}
    s["ACCOUNT_SIGNUP_FIELDS"] = ["email*", "username*", "password1*", "password2*"]
    # Mandatory: allauth's enumeration prevention on sign-up only works with it (with "optional" a
    # taken address is announced). Reading needs no account; `can_participate` also checks it.
    s["ACCOUNT_EMAIL_VERIFICATION"] = "mandatory"
    s["ACCOUNT_UNIQUE_EMAIL"] = True
    s["ACCOUNT_PREVENT_ENUMERATION"] = True
    s["ACCOUNT_LOGOUT_ON_GET"] = False
    s["ACCOUNT_EMAIL_SUBJECT_PREFIX"] = f"[{site_name}] "
    s["ACCOUNT_DEFAULT_HTTP_PROTOCOL"] = "https" if site_url.startswith("https") else "http"
    s["ACCOUNT_REAUTHENTICATION_REQUIRED"] = True
    # Sign-in limits (accounts/sign_in_limits.py, which says why each is what it is): failures
    # count, but "login" counts every attempt from one address; a code by e-mail counts for none.
    s["ACCOUNT_RATE_LIMITS"] = {
        "login": "120/m/ip",
        "login_failed": "5/5m/key",
        "login_failed_address": "100/10m/ip",
        "login_failed_account": "50/h/key",
        "signup": "20/m/ip",
        "confirm_email": "1/3m/key",
        "reset_password": "20/m/ip,5/m/key",
        # Signed-token sign-ins and "user deleted" calls (accounts/sso/views.py).
        "sso_token": env.str("SSO_TOKEN_RATE", default="30/m/ip"),
    }
    # The owner's way in when the limits above pause their password: a code by e-mail.
    s["ACCOUNT_LOGIN_BY_CODE_ENABLED"] = True
    s["ALLAUTH_TRUSTED_PROXY_COUNT"] = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

    # Accounts (issue 3): allauth behaviour, and social sign-in switched on by its keys alone.
    s["ACCOUNT_ADAPTER"] = "accounts.adapters.AccountAdapter"
    # Confirming the e-mail signs the newcomer in, but only in the browser that signed up.
    s["ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION"] = True
    # What each provider asks for besides its keys, <NAME>_CLIENT_ID and <NAME>_CLIENT_SECRET.
    provider_options = {
        "github": {"SCOPE": ["read:user", "user:email"]},
        "google": {"SCOPE": ["profile", "email"], "AUTH_PARAMS": {"access_type": "online"}},
    }
    s["SOCIALACCOUNT_PROVIDERS"] = {}
    for provider, options in provider_options.items():
        client_id = env.str(f"{provider.upper()}_CLIENT_ID", default="")
        secret = env.str(f"{provider.upper()}_CLIENT_SECRET", default="")
        if client_id and secret:
            installed_apps.append(f"allauth.socialaccount.providers.{provider}")
            s["SOCIALACCOUNT_PROVIDERS"][provider] = {
                "APP": {"client_id": client_id, "secret": secret},
                **options,
            }
    s["ACCOUNT_FORMS"] = {
        "login": "accounts.forms.LoginForm",
        "signup": "accounts.forms.SignupForm",
    }
    s["SOCIALACCOUNT_ADAPTER"] = "accounts.sso.adapters.SocialAccountAdapter"

    # Sign-in with the newsroom's accounts (issue 27, docs/integration.md). OpenID Connect: any
    # provider, by its issuer; the button says OIDC_NAME; PKCE; a verified address links an account.
    s["OIDC_ISSUER"] = env.str("OIDC_ISSUER", default="").rstrip("/")
    s["OIDC_PROVIDER_ID"] = env.str("OIDC_PROVIDER_ID", default="newsroom")
    if s["OIDC_ISSUER"]:
        installed_apps.append("allauth.socialaccount.providers.openid_connect")
        s["SOCIALACCOUNT_PROVIDERS"]["openid_connect"] = {
            "OAUTH_PKCE_ENABLED": True,
            "EMAIL_AUTHENTICATION": True,
            "EMAIL_AUTHENTICATION_AUTO_CONNECT": True,
            "APPS": [
                {
                    "provider_id": s["OIDC_PROVIDER_ID"],
                    "name": env.str("OIDC_NAME", default="your newsroom account"),
                    "client_id": env.str("OIDC_CLIENT_ID", default=""),
                    "secret": env.str("OIDC_CLIENT_SECRET", default=""),
                    "settings": {
                        "server_url": s["OIDC_ISSUER"],
                        "oauth_pkce_enabled": True,
                        "scope": env.list("OIDC_SCOPES", default=["openid", "profile", "email"]),
                    },
                }
            ],
        }
    # allauth's "Continue" POSTs here, then redirects to the provider; form-action governs that
    # redirect too (Chromium blocks it), so each configured provider's sign-in origin is allowed.
    provider_origins = {"github": "https://github.com", "google": "https://accounts.google.com"}
    csp["form-action"] += [
        origin for name, origin in provider_origins.items() if name in s["SOCIALACCOUNT_PROVIDERS"]
    ]
    if s["OIDC_ISSUER"]:
        issuer = urlsplit(s["OIDC_ISSUER"])
        csp["form-action"].append(
            env.str("OIDC_AUTHORIZE_ORIGIN", default=f"{issuer.scheme}://{issuer.netloc}")
        )
    # Signed tokens (JWT) from the publisher's backend (accounts/sso/tokens.py): HS256 with the
    # shared secret, or RS256/ES256 with the keys at the JWKS URL; iss and aud checked when set.
    s["SSO_TOKEN_SECRET"] = env.str("SSO_TOKEN_SECRET", default="")
    s["SSO_TOKEN_JWKS_URL"] = env.str("SSO_TOKEN_JWKS_URL", default="")
    s["SSO_TOKEN_ISSUER"] = env.str("SSO_TOKEN_ISSUER", default="")
    s["SSO_TOKEN_AUDIENCE"] = env.str("SSO_TOKEN_AUDIENCE", default="")
    s["SSO_TOKEN_LEEWAY_SECONDS"] = env.int("SSO_TOKEN_LEEWAY_SECONDS", default=60)
    s["SSO_TOKEN_MAX_LIFETIME_SECONDS"] = env.int("SSO_TOKEN_MAX_LIFETIME_SECONDS", default=600)
    s["SSO_JWKS_CACHE_SECONDS"] = env.int("SSO_JWKS_CACHE_SECONDS", default=3600)
    # Whether a "user deleted" call also removes the member's comments (else "[deleted member]").
    s["SSO_DELETION_REMOVES_COMMENTS"] = env.bool("SSO_DELETION_REMOVES_COMMENTS", default=True)
    return s
