"""The words of a refusal: a suspension says until when, and why when a reason was given."""

from datetime import UTC, datetime
from types import SimpleNamespace

from forum import refusals

UNTIL = datetime(2031, 3, 4, 5, 6, tzinfo=UTC)


def suspended_member(reason):
    return SimpleNamespace(
        is_authenticated=True,
        is_banned=False,
        is_suspended=True,
        suspended_until=UNTIL,
        suspension_reason=reason,
    )


def test_a_suspension_with_a_reason_gives_it():
    member = suspended_member("Cooling off")
    assert str(refusals.participation(member)) == (
        "Your account is suspended until 4 March 2031, 05:06 UTC: Cooling off"
    )


def test_a_suspension_without_a_reason_ends_the_sentence():
    member = suspended_member("")
    assert (
        str(refusals.participation(member))
        == "Your account is suspended until 4 March 2031, 05:06 UTC."
    )
