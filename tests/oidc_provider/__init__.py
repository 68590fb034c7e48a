"""A tiny OpenID Connect provider (django-oauth-toolkit) that the SSO end-to-end test starts.

It stands for a newsroom's own provider (Keycloak, Auth0 ...): discovery, the authorization
code flow with PKCE, signed ID tokens, userinfo. Run by tests/accounts/sso/test_oidc_end_to_end.py
with its own SQLite database and an RSA key the test generates.
"""
