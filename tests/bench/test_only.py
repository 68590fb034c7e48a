"""The bench's --only: a few targets, with the hello their ratios are taken to."""

from bench import targets
from tests.bench.test_languages import SITE


def names(only):
    return [target.name for target in targets.chosen(targets.targets(SITE, 100_000), only)]


def test_every_target_without_only():
    assert names([]) == [target.name for target in targets.targets(SITE, 100_000)]


def test_the_member_pages_come_with_both_hellos_in_the_rounds_order():
    assert names(["member article, 1,000", "member article, 10,000", "sync: member"]) == [
        targets.HELLO,
        "member article, 1,000",
        "member article, 10,000",
        f"sync: {targets.HELLO}",
        "sync: member article, 10,000",
    ]
    assert "member article, 1,000, first reader after a comment" in names(["member article, 1"])


def test_several_words_and_a_static_file_without_a_hello_of_its_own():
    assert names(["hello", "static"]) == [targets.HELLO, targets.STATIC, f"sync: {targets.HELLO}"]
