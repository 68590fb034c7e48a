"""Posting is safe to retry: a form sent twice stores one comment and answers the same."""

import re
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from forum import errors
from forum.comments import transitions
from forum.discussion import services
from forum.models import Comment
from forum.refusals import Code, Refusal, words
from tests.factories import CommentFactory

KEY_INPUT = re.compile(r'<input type="hidden" name="idempotency_key" value="([\w-]+)"')


def _keys_in(html):
    return KEY_INPUT.findall(html)


@pytest.mark.django_db
class TestResubmittedForm:
    def test_the_composer_carries_a_new_key_each_time_it_is_shown(self, client_as, member, article):
        client = client_as(member)
        first = _keys_in(client.get(article.get_absolute_url()).content.decode())
        second = _keys_in(client.get(article.get_absolute_url()).content.decode())
        assert len(first) == 1 and len(first[0]) >= 16
        assert first != second

    def test_the_reply_form_carries_a_key(self, client_as, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member)
        url = reverse("forum:comment_reply", args=[parent.pk])
        client = client_as(member)
        assert len(_keys_in(client.get(url).content.decode())) == 1
        assert len(_keys_in(client.get(url, HTTP_HX_REQUEST="true").content.decode())) == 1

    def test_double_submit_stores_one_comment_and_answers_the_same(
        self, client_as, member, article
    ):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        form = {"body": "Posted once, clicked twice.", "idempotency_key": "k" * 22}
        first = client.post(url, form)
        second = client.post(url, form)
        comment = Comment.objects.get()
        assert comment.idempotency_key == "k" * 22
        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"]
        assert second["Location"].endswith(f"#comment-{comment.pk}")
        article.thread.refresh_from_db()
        assert article.thread.comment_count == 1

    def test_a_retry_counts_against_no_limit(self, member, article, settings):
        settings.COMMENT_RATE_PER_MINUTE = 1
        first = transitions.comment_create(
            author=member, thread=article.thread, body="Once.", idempotency_key="abc"
        )
        again = transitions.comment_create(
            author=member, thread=article.thread, body="Once.", idempotency_key="abc"
        )
        assert again.pk == first.pk
        with pytest.raises(errors.RateLimited):
            transitions.comment_create(author=member, thread=article.thread, body="A new one.")

    def test_htmx_double_submit_stores_one_comment(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        form = {"body": "Sent by htmx.", "idempotency_key": "htmx-key"}
        first = client.post(url, form, HTTP_HX_REQUEST="true")
        second = client.post(url, form, HTTP_HX_REQUEST="true")
        comment = Comment.objects.get()
        assert first.status_code == second.status_code == 200
        assert f'id="comment-{comment.pk}"' in second.content.decode()

    def test_the_same_key_from_another_member_is_another_comment(
        self, member, other_member, article
    ):
        transitions.comment_create(
            author=member, thread=article.thread, body="Mine.", idempotency_key="k"
        )
        transitions.comment_create(
            author=other_member, thread=article.thread, body="Theirs.", idempotency_key="k"
        )
        assert Comment.objects.count() == 2

    def test_a_form_without_a_key_still_posts(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        client.post(url, {"body": "From a page rendered before keys."})
        client.post(url, {"body": "And another one."})
        assert list(Comment.objects.values_list("idempotency_key", flat=True)) == [None, None]

    def test_a_malformed_key_is_ignored(self, client_as, member, article):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        response = client_as(member).post(url, {"body": "Hello.", "idempotency_key": "x" * 500})
        assert response.status_code == 302
        assert Comment.objects.get().idempotency_key is None

    def test_a_refused_text_keeps_no_key(self, member, article):
        with mock.patch(
            "forum.comments.transitions.phases.review_new_comment",
            return_value=transitions.phases.Verdict(
                status="refused", refusal=Refusal(Code.BANNED_WORD, {"word": "that"})
            ),
        ):
            for _ in range(2):
                with pytest.raises(errors.CommentRefused) as error:
                    transitions.comment_create(
                        author=member, thread=article.thread, body="Bad.", idempotency_key="k"
                    )
                assert error.value.code == Code.BANNED_WORD
                assert error.value.params == {"word": "that"}
        assert Comment.objects.filter(idempotency_key__isnull=True).count() == 2


@pytest.mark.django_db
class TestConcurrentSubmits:
    def test_the_constraint_settles_a_race_with_one_comment(self, member, article):
        first = transitions.comment_create(
            author=member, thread=article.thread, body="Raced.", idempotency_key="race"
        )
        real_lookup = transitions._already_posted
        calls = []

        def lookup_as_if_the_first_had_not_committed(author, key, body):
            # The second submit's first look-up misses the first comment, so it inserts and
            # meets the constraint; the look-up after the IntegrityError is the real one.
            calls.append(key)
            return None if len(calls) == 1 else real_lookup(author, key, body)

        with mock.patch.object(
            transitions, "_already_posted", side_effect=lookup_as_if_the_first_had_not_committed
        ):
            again = transitions.comment_create(
                author=member, thread=article.thread, body="Raced.", idempotency_key="race"
            )
        assert calls == ["race", "race"]
        assert again.pk == first.pk
        assert Comment.objects.count() == 1

    def test_the_database_refuses_a_second_comment_with_the_same_key(self, member, article):
        CommentFactory(thread=article.thread, author=member, idempotency_key="dup")
        with pytest.raises(IntegrityError), transaction.atomic():
            CommentFactory(thread=article.thread, author=member, idempotency_key="dup")
        CommentFactory(thread=article.thread, author=member, idempotency_key=None)
        CommentFactory(thread=article.thread, author=member, idempotency_key=None)


@pytest.mark.django_db
class TestVotesOnClosedThreads:
    def test_a_vote_on_a_closed_thread_is_refused(self, client_as, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=other_member)
        article.thread.state = article.thread.State.CLOSED
        article.thread.save()
        url = reverse("forum:comment_vote", args=[comment.pk])
        response = client_as(member).post(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 400
        assert response.content.decode() == words(Code.THREAD_CLOSED)
        comment.refresh_from_db()
        assert comment.score == 0 and not comment.votes.exists()

    def test_a_vote_on_an_open_thread_counts(self, member, other_member, article):
        comment = CommentFactory(thread=article.thread, author=other_member)
        assert services.vote_toggle(comment=comment, voter=member) == (True, 1)


@pytest.mark.django_db
class TestFarTooLongComment:
    def test_a_long_paste_is_refused_and_shown_back_whole(self, client_as, member, article):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        body = "a" * 999_990 + "THE-END"  # under the request cap of 1 MiB
        response = client_as(member).post(url, {"body": body})
        html = response.content.decode()
        assert response.status_code == 400
        assert not Comment.objects.exists()
        assert "Your comment is 999,997 characters long; the limit is 10,000." in html
        assert body in html

    def test_a_paste_over_the_request_cap_is_refused_before_it_is_read(
        self, client_as, member, article, settings
    ):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        body = "a" * (settings.MAX_REQUEST_BYTES + 1)
        response = client_as(member).post(url, {"body": body})
        assert response.status_code == 413
        assert "That was too much to send" in response.content.decode()
        assert not Comment.objects.exists()

    def test_a_little_too_long_comment_is_shown_back_whole(self, client_as, member, article):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        body = "b" * 10_050
        html = client_as(member).post(url, {"body": body}).content.decode()
        assert "Your comment is 10,050 characters long; the limit is 10,000." in html
        assert body in html
        assert "was not kept" not in html


@pytest.mark.django_db
class TestAKeyIsForOneText:
    """A key sent again with another text is a new comment that kept an old key: never a retry."""

    def test_a_second_text_with_the_first_key_is_refused_and_kept(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        client.post(url, {"body": "Comment A.", "idempotency_key": "same-key"})
        response = client.post(url, {"body": "Comment B, new.", "idempotency_key": "same-key"})
        html = response.content.decode()
        assert response.status_code == 409
        assert "This looks like a comment you already posted; your new text is still here." in html
        assert "Comment B, new." in html
        assert list(Comment.objects.values_list("body", flat=True)) == ["Comment A."]
        # The form shown again has a key of its own: posting it stores the new comment.
        (fresh,) = _keys_in(html)
        assert fresh != "same-key"
        client.post(url, {"body": "Comment B, new.", "idempotency_key": fresh})
        assert Comment.objects.count() == 2

    def test_in_place_the_form_comes_back_with_its_message(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        client.post(url, {"body": "A.", "idempotency_key": "k1"}, HTTP_HX_REQUEST="true")
        response = client.post(url, {"body": "B.", "idempotency_key": "k1"}, HTTP_HX_REQUEST="true")
        assert response["HX-Retarget"] == "#composer-form-thread"
        assert "your new text is still here" in response.content.decode()
        assert Comment.objects.count() == 1

    def test_a_retry_after_an_edit_is_still_the_same_comment(self, member, article):
        first = transitions.comment_create(
            author=member, thread=article.thread, body="Typo hree.", idempotency_key="k2"
        )
        transitions.comment_edit(comment=first, editor=member, body="Typo here.")
        again = transitions.comment_create(
            author=member, thread=article.thread, body="Typo hree.", idempotency_key="k2"
        )
        assert again.pk == first.pk

    def test_a_reply_with_a_used_key_is_refused(self, member, other_member, article):
        parent = CommentFactory(thread=article.thread, author=other_member)
        transitions.comment_create(
            author=member, thread=article.thread, body="One.", parent=parent, idempotency_key="r"
        )
        with pytest.raises(errors.KeyReused):
            transitions.comment_create(
                author=member,
                thread=article.thread,
                body="Two.",
                parent=parent,
                idempotency_key="r",
            )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", ["**", "__", "> ", "- ", "```\n```", "***\n", "* * *", "\u200b", "~~ ~~", "# "]
)
def test_a_comment_with_nothing_to_read_is_refused(client_as, member, article, body):
    url = reverse("forum:comment_post", args=[article.thread.pk])
    response = client_as(member).post(url, {"body": body})
    assert response.status_code == 400
    assert words(Code.NOTHING_TO_READ) in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", ["`x`", "42", "?", "👍", "> a", "[a](https://example.org)", "&amp;"]
)
def test_a_short_comment_with_something_to_read_is_taken(member, article, body):
    comment = transitions.comment_create(author=member, thread=article.thread, body=body)
    assert comment.pk
