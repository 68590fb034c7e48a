"""The cards a live page fetches by id: only what this reader may see, cached for visitors."""

import pytest
from django.urls import reverse

from forum.models import Comment
from tests.factories import CommentFactory, ThreadFactory


def cards_url(thread, ids):
    return reverse("live:thread_cards", args=[thread.pk]) + "?ids=" + ",".join(map(str, ids))


@pytest.mark.django_db
def test_visitors_get_published_cards_only(client, thread):
    shown = CommentFactory(thread=thread, body="Everyone reads this")
    held = CommentFactory(thread=thread, status=Comment.Status.PENDING, body="Not yet")
    reply = CommentFactory(thread=thread, parent=shown, body="An answer")
    response = client.get(cards_url(thread, [shown.pk, held.pk, reply.pk]), follow=True)
    # Sent to the address of the cards it may see (fetch follows), never stored as asked.
    assert response.redirect_chain == [(cards_url(thread, [shown.pk, reply.pk]), 302)]
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="comment-{shown.pk}"' in html and f'id="comment-{reply.pk}"' in html
    assert "Not yet" not in html and f'id="comment-{held.pk}"' not in html
    # Cached for the next visitor: no cookie, a public Cache-Control.
    assert "public" in response["Cache-Control"] and not response.cookies


@pytest.mark.django_db
def test_the_author_gets_their_own_held_comment(client_as, member, thread):
    held = CommentFactory(thread=thread, author=member, status=Comment.Status.PENDING)
    html = client_as(member).get(cards_url(thread, [held.pk])).content.decode()
    assert f'id="comment-{held.pk}"' in html


@pytest.mark.django_db
def test_comments_of_another_thread_are_not_given(client, thread):
    elsewhere = CommentFactory(thread=ThreadFactory())
    html = client.get(cards_url(thread, [elsewhere.pk])).content.decode()
    assert f'id="comment-{elsewhere.pk}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("ids", ["", "x", "3,2", "1,1", ",".join(str(n) for n in range(1, 52))])
def test_bad_lists_of_ids_are_refused(client, thread, ids):
    url = reverse("live:thread_cards", args=[thread.pk]) + "?ids=" + ids
    assert client.get(url).status_code == 400
