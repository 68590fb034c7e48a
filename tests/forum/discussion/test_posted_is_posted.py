"""A form post that committed is answered as committed: a failure to read the new comment's
place afterwards sends the member to the thread at its anchor, never to an error page."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from forum.discussion import cards
from forum.discussion import views as discussion_views
from forum.models import Comment

pytestmark = pytest.mark.django_db


def fails_after_the_commit(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def published_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0


@pytest.mark.usefixtures("published_at_once")
def test_the_page_answers_the_stored_comment_at_its_anchor(client_as, member, article, monkeypatch):
    monkeypatch.setattr(discussion_views, "comment_location", fails_after_the_commit)
    client = client_as(member)
    client.raise_request_exception = False
    url = reverse("forum:comment_post", args=[article.thread.pk])
    form = {"body": "Stored before the failure.", "idempotency_key": "k" * 22}
    response = client.post(url, form)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.thread.url}?comment={comment.pk}#{comment.anchor}"
    # The same form sent again is the same comment, not a second one.
    assert client.post(url, form)["Location"] == response["Location"]
    assert Comment.objects.count() == 1


@pytest.mark.usefixtures("published_at_once")
def test_htmx_is_sent_to_the_page_when_the_card_cannot_be_read(
    client_as, member, article, monkeypatch
):
    monkeypatch.setattr(cards, "render", fails_after_the_commit)
    client = client_as(member)
    client.raise_request_exception = False
    url = reverse("forum:comment_post", args=[article.thread.pk])
    form = {"body": "Stored, then htmx.", "idempotency_key": "h" * 22}
    response = client.post(url, form, HTTP_HX_REQUEST="true")
    comment = Comment.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"].endswith(f"#{comment.anchor}")
