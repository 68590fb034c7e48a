"""E-mail settings: who the site's e-mails come from, and how they leave.

Kept apart from forum/settings.py, which reads them with `mail_settings` (one subject a
module). Every value comes from the environment as there; docs/settings.md lists them.
"""


def mail_settings(env, *, site_name, debug, base_dir):
    """Return the e-mail settings by name: console in development, a folder of files for the
    end-to-end tests, SMTP in production."""
    backend = env.str(
        "EMAIL_BACKEND",
        # forum.platform.console_mail prints the decoded text (Django's: quoted-printable source).
        default="forum.platform.console_mail.EmailBackend"
        if debug
        else "django.core.mail.backends.smtp.EmailBackend",
    )
    options = {}
    if backend.endswith("filebased.EmailBackend"):
        options = {"file_path": env.str("EMAIL_FILE_PATH", default=str(base_dir / "sent-mail"))}
    elif backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env.str("EMAIL_HOST", default="localhost"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env.str("EMAIL_HOST_USER", default=""),
            "password": env.str("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            "timeout": 10,
        }
    sender = env.str("DEFAULT_FROM_EMAIL", default=f"{site_name} <noreply@localhost>")
    return {
        "DEFAULT_FROM_EMAIL": sender,
        "SERVER_EMAIL": sender,
        "EMAIL_SUBJECT_PREFIX": f"[{site_name}] ",
        "MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}},
    }
