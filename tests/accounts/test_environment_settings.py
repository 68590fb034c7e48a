"""Accounts: sign-in providers and the e-mail backend follow the environment."""

import json
import subprocess
import sys

from django.conf import settings as django_settings


def settings_with(env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.INSTALLED_APPS, sorted(settings.SOCIALACCOUNT_PROVIDERS), "
        "settings.MAILERS['default']]))"
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


def test_social_providers_follow_the_environment():
    apps, providers, _ = settings_with({})
    assert providers == [] and not any("providers" in a for a in apps)
    apps, providers, _ = settings_with(
        {
            "GITHUB_CLIENT_ID": "id",
            "GITHUB_CLIENT_SECRET": "s",
            "GOOGLE_CLIENT_ID": "id",
            "GOOGLE_CLIENT_SECRET": "s",
        }
    )
    assert providers == ["github", "google"]
    assert "allauth.socialaccount.providers.github" in apps
    assert "allauth.socialaccount.providers.google" in apps


def test_file_email_backend_follows_the_environment(tmp_path):
    *_, mailer = settings_with(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path),
        }
    )
    assert mailer == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path)},
    }
