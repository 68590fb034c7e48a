"""Make the provider's reader and the forum's client: python -m tests.oidc_provider.seed JSON."""

import json
import sys

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402


def main(spec):
    for reader in spec.get("readers", []):
        user, _ = User.objects.get_or_create(username=reader["username"])
        user.first_name, user.last_name = reader["first_name"], reader["last_name"]
        user.email = reader["email"]
        user.set_password(reader["password"])
        user.save()
    if client := spec.get("client"):
        Application.objects.update_or_create(
            client_id=client["client_id"],
            defaults={
                "name": "The forum",
                "client_secret": client["client_secret"],
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": client["redirect_uri"],
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": True,
            },
        )


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
