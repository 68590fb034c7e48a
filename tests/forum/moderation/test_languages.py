"""The desk's e-mail to an author is written in the author's language, not the moderator's."""

import pytest
from django.utils import translation

from forum.moderation.tasks import rejection_email

pytestmark = pytest.mark.django_db


def test_a_german_authors_rejection_email_is_german(published, author):
    author.language = "de"
    author.save(update_fields=["language"])
    published.rejection_reason = "harassment"
    published.rejection_note = "Bitte bleiben Sie freundlich."
    with translation.override("en"):  # the moderator works in English
        message = rejection_email(published)
    assert message.subject.endswith(f"Ihr Kommentar zu „{published.thread.title}“ wurde entfernt")
    assert message.body.startswith(f"Hallo {author.public_name},")
    assert "Grund:" in message.body and "Reason:" not in message.body
    html, _ = message.alternatives[0]
    assert "Diskussionsregeln lesen" in html


def test_an_author_with_no_language_gets_the_sites(published, author, settings):
    published.rejection_reason = "spam"
    with translation.override("de"):  # a German moderator
        message = rejection_email(published)
    assert settings.LANGUAGE_CODE.startswith("en")
    assert "was removed" in message.subject and message.body.startswith("Hello ")
