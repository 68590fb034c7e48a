"""Reading through the API: articles, threads, comments, members; only what pages show."""

import pytest

from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, ThreadFactory, UserFactory
from tests.forum.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_articles_list_and_detail(api, article, comment):
    draft = ArticleFactory(status="draft")
    listing = api.get("/articles/").json()
    slugs = [a["slug"] for a in listing["articles"]]
    assert article.slug in slugs and draft.slug not in slugs
    found = next(a for a in listing["articles"] if a["slug"] == article.slug)
    assert found["comment_count"] == 1
    assert found["thread"]["id"] == article.thread_id
    detail = api.get(f"/articles/{article.slug}/")
    assert detail.status_code == 200
    assert "<em>body</em>" in detail.json()["body_html"]
    assert api.get(f"/articles/{draft.slug}/").json()["code"] == "not_found"


def test_thread_page_shows_what_the_page_shows(api, thread, comment, member):
    reply = CommentFactory(parent=comment, author=member, body="A reply")
    CommentFactory(thread=thread, pending=True, body="Held text")
    rejected = CommentFactory(thread=thread, status=Comment.Status.REJECTED, body="Rejected text")
    removed = CommentFactory(thread=thread, status=Comment.Status.REMOVED, body="Removed text")
    CommentFactory(parent=removed, body="Under a removed one")
    response = api.get(f"/threads/{thread.pk}/comments/")
    assert response.status_code == 200
    data = response.json()
    text = response.content.decode()
    assert "Held text" not in text and "Rejected text" not in text and "Removed text" not in text
    assert "@example.org" not in text
    ids = [c["id"] for c in data["comments"]]
    assert ids.index(comment.pk) < ids.index(reply.pk)
    assert rejected.pk not in ids
    placeholder = next(c for c in data["comments"] if c["id"] == removed.pk)
    assert placeholder["is_placeholder"] and placeholder["body_html"] is None
    assert placeholder["author"] is None
    assert data["thread"]["comment_count"] == thread.comment_count


def test_own_held_comment_is_shown_to_its_author_only(api, api_as, thread, member):
    held = CommentFactory(thread=thread, author=member, pending=True, body="My held text")
    assert api.get(f"/comments/{held.pk}/").status_code == 404
    mine = api_as(member, "read").get(f"/comments/{held.pk}/")
    assert mine.status_code == 200 and mine.json()["status"] == "pending"


def test_thread_page_is_bounded_and_sorted(api, thread, settings):
    settings.COMMENTS_PER_PAGE = 3
    roots = [CommentFactory(thread=thread) for _ in range(5)]
    for _ in range(5):
        CommentFactory(parent=roots[0])
    first = api.get(f"/threads/{thread.pk}/comments/?sort=newest").json()
    assert first["pages"] == 2 and first["sort"] == "newest"
    tops = [c["id"] for c in first["comments"] if c["level"] == 1]
    assert tops == [r.pk for r in reversed(roots)][:3]
    oldest = api.get(f"/threads/{thread.pk}/comments/").json()
    head = next(c for c in oldest["comments"] if c["id"] == roots[0].pk)
    assert head["more_replies"] == 2  # 3 of its 5 replies are on the page
    subtree = api.get(f"/threads/{thread.pk}/comments/?thread={roots[0].pk}").json()
    assert subtree["subtree"] == roots[0].pk and len(subtree["comments"]) == 6


@pytest.mark.parametrize(
    "query", ["?sort=worst", "?page=0", "?page=abc", "?thread=-1", "?page=99999999999999"]
)
def test_thread_page_bad_query(api, thread, query):
    response = api.get(f"/threads/{thread.pk}/comments/{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_unknown_and_hidden_threads(api, thread):
    assert api.get("/threads/999999/comments/").status_code == 404
    hidden = ThreadFactory(visible_from=None)
    assert api.get(f"/threads/{hidden.pk}/").status_code == 404
    assert api.get(f"/threads/{thread.pk}/comments/?thread=999999").json()["code"] == "not_found"


def test_member_profile_and_comments(api, member, other_member, thread):
    CommentFactory(thread=thread, author=member, body="Public words")
    CommentFactory(thread=thread, author=member, pending=True, body="Held words")
    profile = api.get(f"/members/{member.username}/")
    assert profile.status_code == 200
    assert "email" not in profile.json() and member.email not in profile.content.decode()
    comments = api.get(f"/members/{member.username}/comments/").json()
    assert [c["body_html"].strip() for c in comments["comments"]] == ["<p>Public words</p>"]
    assert api.get("/members/nobody-here/").status_code == 404
    inactive = UserFactory(is_active=False)
    assert api.get(f"/members/{inactive.username}/").status_code == 404


def test_moderator_reads_what_a_reader_reads(api_as, moderator, thread):
    held = CommentFactory(thread=thread, pending=True)
    response = api_as(moderator, "read").get(f"/comments/{held.pk}/")
    assert response.status_code == 404


def test_unknown_token_is_401(client, thread):
    response = Api(client, "inv_not-a-real-token").get(f"/threads/{thread.pk}/")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_thread_page_costs_the_same_queries_whatever_its_size(
    api, api_as, member, thread, settings, django_assert_max_num_queries
):
    """The API reads with the page's own bounded reader: a constant number of queries."""
    settings.COMMENTS_PER_PAGE = 5
    reader = api_as(member, "read")
    counts = []
    for _ in range(2):
        for _ in range(8):
            CommentFactory(parent=CommentFactory(thread=thread))
        for client in (api, reader):
            with django_assert_max_num_queries(12) as captured:
                response = client.get(f"/threads/{thread.pk}/comments/")
            assert response.status_code == 200
            counts.append(len(captured))
    # 16 then 32 comments: the same queries (the token's first use also notes its time).
    assert counts[0] == counts[2] and counts[3] <= counts[1], counts
