"""The banned and suspect word lists: adding, removing and validating phrases."""

import re

import pytest
from django.urls import reverse

from forum import errors
from forum.models import (
    Comment,
    ModerationAction,
    WordRule,
)
from forum.moderation import services as ms
from forum.refusals import Code

Status = Comment.Status


class TestWordLists:
    def test_add_and_remove(self, moderator):
        rule = ms.word_rule_add(phrase="  crypto   giveaway ", kind="suspect", moderator=moderator)
        assert rule.phrase == "crypto giveaway"
        with pytest.raises(errors.ModerationError) as error:
            ms.word_rule_add(phrase="CRYPTO GIVEAWAY", kind="banned", moderator=moderator)
        assert error.value.code == Code.PHRASE_ON_LIST
        assert error.value.params == {"phrase": "crypto giveaway", "kind": "suspect"}
        ms.word_rule_remove(rule=rule, moderator=moderator)
        assert not WordRule.objects.exists()
        with pytest.raises(errors.ModerationConflict):
            ms.word_rule_remove(rule=rule.pk, moderator=moderator)
        assert list(ModerationAction.objects.values_list("action", flat=True)) == [
            "word_remove",
            "word_add",
        ]

    @pytest.mark.parametrize(
        "phrase, message",
        [("", "Enter a word"), ("   ", "Enter a word"), ("x" * 101, "100 characters")],
    )
    def test_page_validates(self, client_as, moderator, phrase, message):
        response = client_as(moderator).post(
            reverse("moderation:word_add"), {"phrase": phrase, "kind": "banned"}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not WordRule.objects.exists()

    def test_page_refuses_duplicates_and_keeps_the_text(self, client_as, moderator):
        WordRule.objects.create(phrase="Scam", kind="suspect")
        response = client_as(moderator).post(
            reverse("moderation:word_add"), {"phrase": "scam", "kind": "banned"}
        )
        assert response.status_code == 400
        assert "already on the suspect list" in response.content.decode()
        assert 'value="scam"' in response.content.decode()
        assert WordRule.objects.count() == 1
        html = response.content.decode()
        assert "<title>Error: Word lists" in html
        assert re.search(r'<li><a href="#id_phrase">[^<]*already on the suspect list', html)

    def test_page_adds_and_removes(self, client_as, moderator):
        client = client_as(moderator)
        response = client.post(
            reverse("moderation:word_add"), {"phrase": "idiot", "kind": "banned"}, follow=True
        )
        assert "Added “idiot” to the banned list." in response.content.decode()
        rule = WordRule.objects.get()
        client.post(reverse("moderation:word_remove", args=[rule.pk]))
        assert not WordRule.objects.exists()
