"""Fixtures of the moderation tests: an author, a held and a published comment."""

import pytest

from tests.factories import CommentFactory, UserFactory


@pytest.fixture
def author(db):
    return UserFactory(username="writer")


@pytest.fixture
def pending(thread, author):
    return CommentFactory(thread=thread, author=author, body="Held for review.", pending=True)


@pytest.fixture
def published(thread, author):
    return CommentFactory(thread=thread, author=author, body="Already visible.")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Return a context manager that runs on_commit callbacks (e-mails) when it exits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
