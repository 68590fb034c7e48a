"""The API with an embed token: every write the frame makes, its limits and its refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum.embed.tokens import embed_token_create
from forum.models import Comment, EmbedToken, Follow, Report, Vote
from tests.factories import CommentFactory, UserFactory
from tests.forum.api.conftest import Api

pytestmark = pytest.mark.django_db

HOST = "https://news.example"


@pytest.fixture
def embed_as(client):
    """Return a function giving an Api client with an embed token for `user`."""

    def make(user):
        return Api(client, embed_token_create(member=user, host=HOST))

    return make


def test_every_write_of_the_frame_works_with_an_embed_token(
    embed_as, member, thread, comment, settings
):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    api = embed_as(member)
    posted = api.post(f"/threads/{thread.pk}/comments/", {"body": "From the frame"})
    assert posted.status_code == 201, posted.content
    mine = posted.json()["comment"]["id"]
    reply = api.post(
        f"/threads/{thread.pk}/comments/", {"body": "A reply", "parent_id": comment.pk}
    )
    assert reply.status_code == 201
    assert api.post(f"/comments/{comment.pk}/vote/").json() == {"voted": True, "score": 1}
    report = api.post(f"/comments/{comment.pk}/report/", {"reason": "spam", "note": ""})
    assert report.status_code == 201
    edit = api.patch(f"/comments/{mine}/", {"body": "Corrected"})
    assert edit.status_code == 200 and "Corrected" in edit.json()["body_html"]
    follow = api.post(f"/embed/threads/{thread.pk}/follow/", {"following": True})
    assert follow.json() == {"following": True, "message": "You follow this discussion."}

    assert Comment.objects.filter(author=member).count() == 2
    assert Vote.objects.filter(comment=comment, voter=member).exists()
    assert Report.objects.filter(comment=comment, reporter=member).exists()
    assert Follow.objects.filter(thread=thread, member=member).exists()
    unfollow = api.post(f"/embed/threads/{thread.pk}/follow/", {"following": False})
    assert unfollow.json()["following"] is False
    assert not Follow.objects.filter(thread=thread, member=member).exists()


def test_state_says_what_the_member_did_in_few_queries(
    embed_as, member, thread, comment, django_assert_max_num_queries
):
    mine = CommentFactory(thread=thread, author=member, body="Mine")
    old = CommentFactory(thread=thread, author=member, body="Too old to edit")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    Vote.objects.create(comment=comment, voter=member)
    Follow.objects.create(thread=thread, member=member)
    for _ in range(5):
        CommentFactory(thread=thread)  # others' comments cost nothing more
    api = embed_as(member)
    with django_assert_max_num_queries(6):
        response = api.get(f"/embed/threads/{thread.pk}/state/")
    data = response.json()
    assert data["username"] == member.username and data["refusal"] == ""
    assert data["following"] is True
    assert data["voted_ids"] == [comment.pk]
    assert [c["id"] for c in data["editable"]] == [mine.pk]
    assert data["editable"][0]["body"] == "Mine"


def test_state_tells_a_member_who_may_not_take_part(embed_as, thread):
    banned = UserFactory(banned=True)
    data = embed_as(banned).get(f"/embed/threads/{thread.pk}/state/").json()
    assert data["refusal"]


@pytest.mark.parametrize("who", ["banned", "unverified"])
def test_follow_is_refused_as_on_the_site(embed_as, thread, who):
    user = UserFactory(banned=True) if who == "banned" else UserFactory(verified=False)
    response = embed_as(user).post(f"/embed/threads/{thread.pk}/follow/", {"following": True})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Follow.objects.exists()


def test_follow_is_rate_limited(embed_as, member, thread, settings):
    settings.FOLLOW_RATE_PER_MINUTE = 2
    api = embed_as(member)
    for following in (True, False):
        response = api.post(f"/embed/threads/{thread.pk}/follow/", {"following": following})
        assert response.status_code == 200
    refused = api.post(f"/embed/threads/{thread.pk}/follow/", {"following": True})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert not Follow.objects.exists()


def test_anonymous_and_bad_tokens_get_401(api, client, thread):
    assert api.post(f"/embed/threads/{thread.pk}/follow/", {"following": True}).status_code == 401
    assert api.get(f"/embed/threads/{thread.pk}/state/").status_code == 401
    bad = Api(client, "emb_not-a-token")
    response = bad.post(f"/threads/{thread.pk}/comments/", {"body": "Hi"})
    assert response.status_code == 401
    assert "sign in again" in response.json()["message"]
    assert not Comment.objects.exists()


def test_signing_out_revokes_the_token_and_keeps_nothing_open(embed_as, member, thread):
    api = embed_as(member)
    assert api.delete("/embed/token/").status_code == 204
    assert EmbedToken.objects.get().revoked_at is not None
    after = api.post(f"/threads/{thread.pk}/comments/", {"body": "After signing out"})
    assert after.status_code == 401
    assert not Comment.objects.filter(author=member).exists()


def test_an_expired_token_writes_nothing(embed_as, member, thread):
    api = embed_as(member)
    EmbedToken.objects.update(expires_at=timezone.now())
    response = api.post(f"/threads/{thread.pk}/comments/", {"body": "Too late"})
    assert response.status_code == 401
    assert not Comment.objects.exists()


def test_an_embed_token_opens_no_page_of_the_site(embed_as, member, client):
    embed_as(member)
    secret = embed_token_create(member=member, host=HOST)
    response = client.get("/accounts/settings/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 302  # to the sign-in page: a token is no session
