"""Up-votes (once per member, never one's own) and following a thread."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from forum.models import Follow, Vote
from tests.factories import CommentFactory


@pytest.mark.django_db
class TestVotes:
    def test_vote_toggles_once_per_member(self, client_as, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=other_member)
        client = client_as(member)
        url = reverse("forum:comment_vote", args=[comment.pk])
        client.post(url)
        comment.refresh_from_db()
        assert comment.score == 1
        response = client.post(url, HTTP_HX_REQUEST="true")
        comment.refresh_from_db()
        assert comment.score == 0
        assert 'aria-pressed="false"' in response.content.decode()
        assert not Vote.objects.exists()

    def test_cannot_vote_on_own_comment(self, client_as, member, article):
        comment = CommentFactory(thread=article.thread, author=member)
        client_as(member).post(reverse("forum:comment_vote", args=[comment.pk]))
        comment.refresh_from_db()
        assert comment.score == 0 and not Vote.objects.exists()

    def test_the_database_refuses_a_second_vote(self, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=other_member)
        Vote.objects.create(comment=comment, voter=member)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(comment=comment, voter=member)


@pytest.mark.django_db
class TestFollowing:
    def test_follow_and_unfollow_button(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:thread_follow", args=[article.thread.pk])
        client.post(url, {"follow": "1"})
        assert Follow.objects.filter(member=member).exists()
        response = client.post(url, {"follow": "0"}, HTTP_HX_REQUEST="true")
        assert not Follow.objects.filter(member=member).exists()
        assert "Follow discussion" in response.content.decode()
