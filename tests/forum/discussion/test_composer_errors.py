"""The composer refused: the error summary on top, the field marked, the text kept."""

import re

import pytest
from django.urls import reverse

from forum.refusals import Code, words
from tests.factories import CommentFactory


def summary_links(html):
    """Return the (href, text) of each link in the page's error summary."""
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>\s*</div>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', summary.group(1))


def textarea(html, field_id):
    return re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>', html).group(0)


@pytest.mark.django_db
class TestComposerErrors:
    def test_an_empty_comment_gets_the_summary_linked_to_the_field(
        self, client_as, member, article
    ):
        url = reverse("forum:comment_post", args=[article.thread.pk])
        response = client_as(member).post(url, {"body": ""})
        assert response.status_code == 400
        html = response.content.decode()
        assert re.search(r'<div class="error-summary" tabindex="-1" autofocus>', html)
        assert "There is a problem" in html
        assert summary_links(html) == [("#id_body", words(Code.EMPTY_COMMENT))]
        assert "<title>Error: " in html
        field = textarea(html, "id_body")
        assert 'aria-invalid="true"' in field
        assert 'aria-describedby="id_body-error id_body-count"' in field
        assert re.search(r'<ul class="errorlist error-message" id="id_body-error">', html)
        assert html.count('id="id_body-count"') == 1

    def test_a_valid_page_has_no_summary_and_no_invalid_field(self, client_as, member, article):
        html = client_as(member).get(article.get_absolute_url()).content.decode()
        assert "error-summary" not in html and "There is a problem" not in html
        field = textarea(html, "id_body")
        assert "aria-invalid" not in field
        assert 'aria-describedby="id_body-count"' in field

    def test_a_too_long_comment_is_kept_and_linked(self, client_as, member, article):
        body = "x" * 10_001
        url = reverse("forum:comment_post", args=[article.thread.pk])
        html = client_as(member).post(url, {"body": body}).content.decode()
        [(href, text)] = summary_links(html)
        assert href == "#id_body" and "the limit is 10,000" in text
        assert f">\n{body}</textarea>" in html

    def test_a_refusal_of_the_whole_form_links_to_the_text(self, client_as, member, article):
        client = client_as(member)
        url = reverse("forum:comment_post", args=[article.thread.pk])
        for i in range(5):
            client.post(url, {"body": f"comment {i}"})
        response = client.post(url, {"body": "one too many"})
        assert response.status_code == 429
        html = response.content.decode()
        [(href, text)] = summary_links(html)
        assert href == "#id_body" and "5 comments a minute" in text
        assert 'aria-invalid="true"' in textarea(html, "id_body")
        assert "one too many</textarea>" in html

    def test_an_empty_reply_by_htmx_comes_back_with_its_summary(
        self, client_as, member, other_member, article
    ):
        parent = CommentFactory(thread=article.thread, author=other_member)
        url = reverse("forum:comment_reply", args=[parent.pk])
        response = client_as(member).post(url, {"body": " "}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response["HX-Retarget"] == f"#composer-form-{parent.pk}"
        assert html.lstrip().startswith("<form")  # the fragment: the form, summary inside
        assert summary_links(html) == [(f"#id_body_{parent.pk}", words(Code.EMPTY_COMMENT))]
        field = textarea(html, f"id_body_{parent.pk}")
        assert f'aria-describedby="id_body_{parent.pk}-error id_body_{parent.pk}-count"' in field

    def test_an_emptied_edit_gets_the_summary(self, client_as, member, article):
        comment = CommentFactory(thread=article.thread, author=member, body="First words.")
        url = reverse("forum:comment_edit", args=[comment.pk])
        response = client_as(member).post(url, {"body": ""})
        assert response.status_code == 400
        html = response.content.decode()
        assert summary_links(html)[0][0] == f"#id_edit_{comment.pk}"
        assert 'aria-invalid="true"' in textarea(html, f"id_edit_{comment.pk}")
