"""Sign-in with the newsroom's accounts: OpenID Connect (allauth) and signed tokens (JWT)."""
