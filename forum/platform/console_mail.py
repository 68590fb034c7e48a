"""A development e-mail backend: each message on the console as a person reads it."""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


class EmailBackend(DjangoConsoleBackend):
    """Print the headers and the decoded plain-text body, so links come out whole.

    Django's console backend prints the MIME source: quoted-printable text breaks long links
    across lines with "=" and escapes "=" in query strings as "=3D", so a confirmation link
    cannot be clicked or copied from the terminal.
    """

    def write_message(self, message):
        msg = message.message()
        lines = [f"{name}: {msg[name]}" for name in HEADERS if msg[name]]
        part = msg.get_body(preferencelist=("plain",)) if hasattr(msg, "get_body") else None
        if part is None:
            part = next((p for p in msg.walk() if p.get_content_type() == "text/plain"), msg)
        payload = part.get_payload(decode=True) or b""
        text = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        attachments = [p.get_filename() for p in msg.walk() if p.get_filename()]
        if attachments:
            lines.append("Attachments: " + ", ".join(attachments))
        self.stream.write("\n".join(lines) + "\n\n" + text.rstrip() + "\n")
        self.stream.write("-" * 79 + "\n")
