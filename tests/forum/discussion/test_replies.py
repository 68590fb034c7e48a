"""Replies: the reply page, nesting under the parent, depth, unavailable parents."""

import pytest
from django.urls import reverse

from forum import errors
from forum.comments import transitions
from forum.discussion.reading import NESTING_LEVELS
from forum.models import Comment
from forum.refusals import Code
from tests.factories import ArticleFactory, CommentFactory


@pytest.mark.django_db
class TestReplies:
    def test_reply_page_quotes_the_parent(self, client_as, member, other_member, article):
        parent = CommentFactory(
            thread=article.thread, author=other_member, body="The original point."
        )
        response = client_as(member).get(reverse("forum:comment_reply", args=[parent.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "The original point." in html
        assert "Reply to" in html

    def test_reply_nests_under_its_parent(self, client_as, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member, body="Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": "Child"}
        )
        reply = Comment.objects.get(body="Child")
        assert response.status_code == 302
        assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)

    def test_htmx_reply_returns_the_new_comment_fragment(
        self, client_as, member, other_member, article
    ):
        parent = CommentFactory(thread=article.thread, author=other_member, body="Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]),
            {"body": "Child"},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        reply = Comment.objects.get(body="Child")
        assert response.status_code == 200
        assert f'id="comment-{reply.pk}"' in html
        assert "<html" not in html

    def test_htmx_error_returns_the_form_in_place(self, client_as, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member, body="Parent")
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": ""}, HTTP_HX_REQUEST="true"
        )
        assert response["HX-Retarget"] == f"#composer-form-{parent.pk}"
        assert "Your comment is empty" in response.content.decode()

    def test_reply_to_comment_of_another_thread_is_refused(self, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member)
        elsewhere = ArticleFactory()
        with pytest.raises(errors.DiscussionError) as error:
            transitions.comment_create(
                author=member, thread=elsewhere.thread, body="A thoughtful comment.", parent=parent
            )
        assert error.value.code == Code.OTHER_THREAD
        assert Comment.objects.count() == 1

    def test_reply_to_removed_comment_is_refused(self, client_as, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member)
        transitions.comment_remove(comment=parent, member=other_member)
        response = client_as(member).post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": "Anyone?"}
        )
        assert response.status_code == 400
        assert "no longer available" in response.content.decode()
        assert "Anyone?" in response.content.decode()
        assert Comment.objects.count() == 1

    def test_deep_replies_cap_at_five_levels_with_replying_to(
        self, client, member, other_member, article
    ):
        parent = None
        chain = []
        for depth in range(8):
            author = member if depth % 2 == 0 else other_member
            parent = CommentFactory(
                thread=article.thread, author=author, body=f"Level {depth}", parent=parent
            )
            chain.append(parent)
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Show 4 more replies" in page  # the first three replies show under the top one
        html = client.get(article.get_absolute_url(), {"thread": chain[0].pk}).content.decode()
        assert f"comment--level-{NESTING_LEVELS + 1}" not in html
        assert html.count(f"comment--level-{NESTING_LEVELS}") == 4  # levels 5..8 shown at 5
        assert "replying to @reader" in html
        assert "replying to @another" in html

    def test_very_deep_chain_renders(self, client, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=member, body="start")
        # Write the chain directly: 1,200 levels deeper than any recursion could go.
        for depth in range(1, 1200):
            parent = Comment.objects.create(
                thread=article.thread,
                author=other_member,
                parent=parent,
                root=parent.root or parent,
                depth=depth,
                body="d",
                body_html="<p>d</p>",
            )
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REJECTED])
@pytest.mark.parametrize("body", ["", "a reply"])
def test_replying_to_unpublished_comment_never_quotes_it(
    client_as, member, other_member, article, status, body
):
    held = CommentFactory(
        thread=article.thread, author=other_member, body="secret words", status=status
    )
    response = client_as(member).post(
        reverse("forum:comment_reply", args=[held.pk]), {"body": body}
    )
    html = response.content.decode()
    assert "secret words" not in html and other_member.username not in html
    assert Comment.objects.count() == 1
