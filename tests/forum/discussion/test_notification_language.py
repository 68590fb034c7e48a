"""Reply and follow e-mails are written in the recipient's language, whoever sends them.

The German words need the compiled catalogues (`manage.py compilemessages`, run by
`make install`).
"""

from unittest import mock

import pytest
from django.utils import translation

from forum.comments import transitions
from forum.discussion import delivery
from tests.factories import CommentFactory


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.COMMENT_RATE_PER_MINUTE = 100


def _reply_to(member, other_member, article):
    parent = CommentFactory(thread=article.thread, author=member, body="My point")
    return transitions.comment_create(
        author=other_member, thread=article.thread, body="My answer", parent=parent
    )


@pytest.mark.django_db(transaction=True)
def test_a_member_who_chose_german_gets_a_german_email(mailoutbox, member, other_member, article):
    member.language = "de"
    member.save(update_fields=["language"])
    with translation.override("en"):  # the replier's request, in English
        _reply_to(member, other_member, article)
        assert translation.get_language() == "en"  # the override does not leak
    (mail,) = mailoutbox
    assert mail.subject.endswith(f"Neue Antwort in „{article.title}“")
    assert "Hallo" in mail.body and "hat Ihnen geantwortet" in mail.body
    assert "Diskussion öffnen" in mail.alternatives[0][0]


@pytest.mark.django_db(transaction=True)
def test_a_member_without_a_choice_gets_the_site_language(
    mailoutbox, member, other_member, article, settings
):
    with translation.override("fr"):  # someone else's request, in French
        _reply_to(member, other_member, article)
    (mail,) = mailoutbox
    assert mail.subject.endswith(f"New reply in “{article.title}”")
    assert settings.LANGUAGE_CODE == "en"


@pytest.mark.django_db(transaction=True)
def test_a_language_the_site_no_longer_offers_falls_back(
    mailoutbox, member, other_member, article, settings
):
    member.language = "de"
    member.save(update_fields=["language"])
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    rendered_in = []
    real_render = delivery.render_to_string

    def spy(*args, **kwargs):
        rendered_in.append(translation.get_language())
        return real_render(*args, **kwargs)

    with mock.patch.object(delivery, "render_to_string", spy):
        _reply_to(member, other_member, article)
    assert rendered_in == ["en", "en"]
    assert len(mailoutbox) == 1
