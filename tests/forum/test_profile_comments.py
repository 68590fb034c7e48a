"""The Comments section of a member's profile: who sees the held ones, and how code reads."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def talker(thread):
    author = UserFactory(username="talker")
    CommentFactory(thread=thread, author=author, body="Out in the open.")
    CommentFactory(thread=thread, author=author, body="Waiting for a moderator.", pending=True)
    return author


def profile_html(client):
    return client.get(reverse("accounts:profile", args=["talker"])).content.decode()


def test_the_member_sees_their_held_comments_marked(client_as, talker):
    html = profile_html(client_as(talker))
    assert "Out in the open." in html
    assert "Waiting for a moderator." in html
    assert "Awaiting moderation" in html and "profile-comments__item--pending" in html


@pytest.mark.parametrize("viewer", ["anonymous", "other member"])
def test_others_never_see_held_comments(client, client_as, talker, other_member, viewer):
    html = profile_html(client if viewer == "anonymous" else client_as(other_member))
    assert "Out in the open." in html
    assert "Waiting for a moderator." not in html
    assert "Awaiting moderation" not in html


def test_code_blocks_keep_their_line_breaks(client, thread):
    author = UserFactory(username="talker")
    CommentFactory(thread=thread, author=author, body="Try this:\n\n    a = 1\n    b = 2\n")
    html = profile_html(client)
    assert 'class="prose prose--comment"' in html
    assert "a = 1\nb = 2" in html
