"""Votes, follows and reports are limited per member and per address (forum/limits.py): past a
limit the page and the API answer 429 with Retry-After, and nothing is written."""

import json

import pytest
from django.urls import reverse

from accounts.tokens import token_create
from forum.models import Follow, Report, Vote
from forum.refusals import Code, words
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(thread, other_member):
    return [CommentFactory(thread=thread, author=other_member) for _ in range(6)]


def vote(client, comment, **extra):
    return client.post(reverse("forum:comment_vote", args=[comment.pk]), **extra)


class TestVotes:
    def test_a_member_past_the_limit_gets_429_and_nothing_changes(
        self, settings, client_as, member, comments
    ):
        settings.VOTE_RATE_PER_MINUTE = 3
        client = client_as(member)
        statuses = [vote(client, comment).status_code for comment in comments[:4]]
        assert statuses == [302, 302, 302, 429]
        assert Vote.objects.count() == 3
        refused = vote(client, comments[4])
        assert refused["Retry-After"] == "60"  # the limiter's clock stands at a minute's start
        assert words(Code.VOTING_TOO_FAST, limit=3) in refused.content.decode()

    def test_htmx_gets_the_words_as_text_for_the_page_to_announce(
        self, settings, client_as, member, comments
    ):
        settings.VOTE_RATE_PER_MINUTE = 1
        client = client_as(member)
        vote(client, comments[0], HTTP_HX_REQUEST="true")
        refused = vote(client, comments[1], HTTP_HX_REQUEST="true")
        assert refused.status_code == 429
        assert refused["Content-Type"].startswith("text/plain")
        assert refused.content.decode() == words(Code.VOTING_TOO_FAST, limit=1)

    def test_many_members_from_one_address_are_limited_together(self, settings, client, comments):
        settings.VOTE_RATE_PER_ADDRESS_PER_MINUTE = 4
        statuses = []
        for n in range(6):
            client.force_login(UserFactory())
            statuses.append(vote(client, comments[n], REMOTE_ADDR="198.51.100.7").status_code)
        assert statuses == [302] * 4 + [429] * 2
        assert Vote.objects.count() == 4
        # Another address, and a forged header changes nothing for the first one.
        assert vote(client, comments[5], REMOTE_ADDR="198.51.100.8").status_code == 302
        forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.9", "REMOTE_ADDR": "198.51.100.7"}
        assert vote(client, comments[4], **forged).status_code == 429

    def test_the_api_answers_its_json_error_with_retry_after(
        self, settings, client, member, comments
    ):
        settings.VOTE_RATE_PER_MINUTE = 2
        _, secret = token_create(user=member, name="test", scope="write")
        headers = {"Authorization": f"Bearer {secret}"}
        statuses = []
        for comment in comments[:3]:
            response = client.post(f"/api/v1/comments/{comment.pk}/vote/", headers=headers)
            statuses.append(response.status_code)
        assert statuses == [200, 200, 429]
        assert response.json() == {
            "code": "rate_limited",
            "message": words(Code.VOTING_TOO_FAST, limit=2),
        }
        assert response["Retry-After"] == "60"
        assert Vote.objects.count() == 2

    def test_the_limit_opens_again_in_the_next_window(
        self, settings, client_as, member, comments, rate_limit_clock
    ):
        settings.VOTE_RATE_PER_MINUTE = 1
        client = client_as(member)
        assert vote(client, comments[0]).status_code == 302
        assert vote(client, comments[1]).status_code == 429
        rate_limit_clock.advance(60)
        assert vote(client, comments[1]).status_code == 302


class TestFollows:
    def follow(self, client, thread, **extra):
        url = reverse("forum:thread_follow", args=[thread.pk])
        return client.post(url, {"follow": "1"}, **extra)

    def test_per_member(self, settings, client_as, member, thread):
        settings.FOLLOW_RATE_PER_MINUTE = 2
        client = client_as(member)
        statuses = [self.follow(client, thread).status_code for _ in range(3)]
        assert statuses == [302, 302, 429]

    def test_per_address(self, settings, client, thread):
        settings.FOLLOW_RATE_PER_ADDRESS_PER_MINUTE = 2
        statuses = []
        for _ in range(3):
            client.force_login(UserFactory())
            statuses.append(self.follow(client, thread, REMOTE_ADDR="198.51.100.7").status_code)
        assert statuses == [302, 302, 429]
        assert Follow.objects.count() == 2


class TestReports:
    def report(self, client, comment, **extra):
        url = reverse("forum:comment_report", args=[comment.pk])
        return client.post(url, {"reason": "spam"}, **extra)

    def test_per_address_on_the_page(self, settings, client, comments):
        settings.REPORT_RATE_PER_ADDRESS_PER_HOUR = 2
        statuses = []
        for comment in comments[:3]:
            client.force_login(UserFactory())
            statuses.append(self.report(client, comment, REMOTE_ADDR="198.51.100.7").status_code)
        assert statuses == [302, 302, 429]
        assert Report.objects.count() == 2

    def test_per_member_on_the_page_is_a_429_too(self, settings, client_as, member, comments):
        settings.REPORT_RATE_PER_HOUR = 1
        client = client_as(member)
        assert self.report(client, comments[0]).status_code == 302
        refused = self.report(client, comments[1])
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 3600
        assert words(Code.REPORTING_TOO_FAST) in refused.content.decode()

    def test_per_address_in_the_api(self, settings, client, comments):
        settings.REPORT_RATE_PER_ADDRESS_PER_HOUR = 1
        statuses = []
        for comment in comments[:2]:
            _, secret = token_create(user=UserFactory(), name="test", scope="write")
            response = client.post(
                f"/api/v1/comments/{comment.pk}/report/",
                data=json.dumps({"reason": "spam"}),
                content_type="application/json",
                headers={"Authorization": f"Bearer {secret}"},
            )
            statuses.append(response.status_code)
        assert statuses == [201, 429]
        assert response.json()["code"] == "rate_limited"
        assert response.json()["message"] == words(Code.REPORTS_FROM_ADDRESS)
        assert response["Retry-After"] == "3600"
