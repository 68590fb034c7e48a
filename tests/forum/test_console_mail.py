"""The development e-mail backend prints what a person reads, links whole."""

import io

from django.core.mail import EmailMultiAlternatives

from forum.platform.console_mail import EmailBackend

LINK = "http://127.0.0.1:8000/accounts/confirm-email/MQ:1vQxyz:" + "a" * 60 + "/?next=%2F&x=1"


def test_prints_headers_and_the_decoded_text_with_whole_links():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "Confirm your address", f"Hello, Zoë.\n\nConfirm: {LINK}\n", "site@example.org", ["a@b.org"]
    )
    message.attach_alternative(f'<p><a href="{LINK}">Confirm</a></p>', "text/html")
    assert EmailBackend(stream=stream).send_messages([message]) == 1
    printed = stream.getvalue()
    assert "Subject: Confirm your address" in printed and "To: a@b.org" in printed
    assert f"Confirm: {LINK}\n" in printed
    assert "Zoë" in printed and "=3D" not in printed and "<p>" not in printed
