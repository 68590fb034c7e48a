"""Results of a member's actions: said once, next to what they are about, and why when held."""

import pytest
from django.urls import reverse

from forum.comments import transitions
from forum.comments.reasons import why_held
from forum.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def result_of(page, anchor):
    """Return the HTML of the element with id `anchor` up to its first result paragraph's end."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</p>", start)]


def test_a_held_comment_says_why_next_to_it_without_javascript(
    settings, client_as, member, article
):
    settings.PREMODERATE_FIRST_COMMENTS = 1
    client = client_as(member)
    response = client.post(
        reverse("forum:comment_post", args=[article.thread.pk]),
        {"body": "First words."},
        follow=True,
    )
    comment = member.comments.get()
    assert response.redirect_chain[-1][0].endswith(f"#{comment.anchor}")
    page = response.content.decode()
    assert 'class="container messages"' not in page  # not at the top, out of view
    note = result_of(page, comment.anchor)
    assert "held for review because a moderator reads the first comments of new members" in note
    assert "data-focus-here" in note and "data-announce=" in note


def test_htmx_post_answers_the_comment_with_its_result_and_focus(
    settings, client_as, member, article
):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    response = client_as(member).post(
        reverse("forum:comment_post", args=[article.thread.pk]),
        {"body": "Published at once."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'class="comment__card"' in html and "data-focus-here" in html
    assert 'data-announce="Your comment is published."' in html


def test_htmx_vote_keeps_focus_on_the_button_and_announces(client_as, member, article):
    comment = transitions.comment_create(
        author=UserFactory(username="writer"), thread=article.thread, body="Vote for me."
    )
    comment.status = "published"
    comment.save()
    url = reverse("forum:comment_vote", args=[comment.pk])
    html = client_as(member).post(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-announce="Up-vote recorded."' in html
    assert "data-focus-here" in html.split('class="vote-button')[1]
    html = client_as(member).post(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-announce="Up-vote removed."' in html


def test_comment_cards_are_named_by_author_and_time(client, member, article):
    comment = transitions.comment_create(author=member, thread=article.thread, body="Named.")
    comment.status = "published"
    comment.save()
    page = client.get(article.get_absolute_url()).content.decode()
    anchor = comment.anchor
    assert f'<article class="comment__card" aria-labelledby="{anchor}-author {anchor}-time"' in page
    assert f'id="{anchor}-author"' in page and f'id="{anchor}-time"' in page


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("new_member", "first comments of new members"),
        ("suspect_word", "a word a moderator checks"),
        ("thread_premoderated", "every comment in this discussion"),
        ("reports", "members reported it"),
        ("", "a moderator checks it first"),
    ],
)
def test_hold_explanations(reason, words):
    assert words in why_held(Comment(hold_reason=reason))


@pytest.mark.parametrize(
    "held, count", [(False, "1</strong> comment<"), (True, "0</strong> comments")]
)
def test_htmx_post_updates_the_count_in_place(settings, client_as, member, article, held, count):
    settings.PREMODERATE_FIRST_COMMENTS = 1 if held else 0
    response = client_as(member).post(
        reverse("forum:comment_post", args=[article.thread.pk]),
        {"body": "First words."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<li")  # the card goes where the form's target says
    count_id = f"thread-{article.thread.pk}-count"
    oob = f'<p class="discussion__count" id="{count_id}" data-hx-swap-oob="true">'
    assert html.count(oob) == 1
    assert count in html.split(oob)[1]  # a held comment is not counted until approved


def test_the_page_names_the_count_the_htmx_answer_replaces(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<p class="discussion__count" id="thread-{article.thread.pk}-count">' in html
    assert "data-hx-swap-oob" not in html.split('class="discussion__count"')[1][:100]
