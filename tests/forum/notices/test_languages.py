"""The DSA's e-mails are written in the language of the person who reads them, not of the
moderator whose request sends them.
"""

import pytest
from django.utils import translation

from forum.models import Decision
from forum.notices import deciding

pytestmark = pytest.mark.django_db


def test_a_german_members_decision_email_is_german(
    comment, member, moderator, file_notice, committed, mailoutbox
):
    member.language = "de"
    member.save(update_fields=["language"])
    # The moderator decides in English; the notifier has no account and no language.
    with translation.override("en"), committed():
        file_notice()
        deciding.decision_make(
            moderator=moderator,
            comment=comment,
            action=Decision.Action.REMOVE,
            ground=Decision.Ground.GUIDELINES,
            rule=2,
            facts="The comment attacks people for their religion.",
        )
    to_author = next(m for m in mailoutbox if m.to == [member.email])
    assert "Begründung" in to_author.subject
    assert to_author.body.startswith(f"Hallo {member.public_name},")
    assert "Regel 2: Keine Belästigung und kein Hass" in to_author.body
    assert "Reference" not in to_author.body and "Aktenzeichen" in to_author.body
    to_notifier = next(
        m for m in mailoutbox if m.to == ["nora@example.net"] and "decision" in m.subject
    )
    assert to_notifier.body.startswith("Thank you for your notice")
