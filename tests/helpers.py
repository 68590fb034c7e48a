"""Small helpers shared by test modules (fixtures live in conftest.py, data in factories.py)."""

from django.urls import reverse

PASSWORD = "a-long-test-password"


def html_body(message):
    """Return the HTML alternative of an e-mail (failing when there is none)."""
    htmls = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(htmls) == 1, "the e-mail has no HTML version"
    return htmls[0]


def sign_up(client, email="newcomer@example.org", username="newcomer", password=PASSWORD):
    """Post the sign-up form as a visitor would."""
    return client.post(
        reverse("account_signup"),
        {"email": email, "username": username, "password1": password, "password2": password},
    )
