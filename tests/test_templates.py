"""Templates written once: the pager, the e-mail base, the desk's action forms, trusted HTML."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.safestring import SafeString

from articles.models import Article
from forum.comments import decisions, transitions
from forum.discussion import reading
from forum.models import Comment
from forum.moderation.tasks import rejection_email
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    ModeratorFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import html_body, sign_up

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def template_files(*suffixes):
    return [p for p in TEMPLATES.rglob("*") if p.suffix in suffixes]


def pager(html):
    """Return the links and the words of the page's one pager."""
    navs = re.findall(r'<nav class="pagination"[^>]*>.*?</nav>', html, re.S)
    assert len(navs) == 1, "expected exactly one pager"
    links = dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)">', navs[0]))
    return navs[0], {rel: href.replace("&amp;", "&") for rel, href in links.items()}


# Source checks ------------------------------------------------------------------------------


def test_no_template_marks_html_safe():
    offenders = [
        str(p.relative_to(TEMPLATES))
        for p in template_files(".html", ".txt")
        if "|safe" in p.read_text() or "mark_safe" in p.read_text()
    ]
    assert offenders == []


def test_html_templates_never_turn_autoescape_off():
    assert [p.name for p in template_files(".html") if "autoescape off" in p.read_text()] == []


def test_no_template_repeats_the_nesting_cap():
    literal = re.compile(r"\b(level|depth)\b\s*(<|<=|>|>=|==|!=)\s*\d")
    offenders = [p.name for p in template_files(".html") if literal.search(p.read_text())]
    assert offenders == []


def test_every_paginated_page_uses_the_shared_pager():
    hand_rolled = [
        p.name
        for p in template_files(".html")
        if "has_next" in p.read_text() and p.name != "pagination.html"
    ]
    assert hand_rolled == []


def test_every_html_email_extends_the_email_base():
    emails = [
        p
        for p in template_files(".html")
        if p.parent.name == "email"
        and not p.name.startswith("_")
        and p.parent != TEMPLATES / "email"
    ]
    assert len(emails) > 10
    for path in emails:
        # base_notification.html extends the base; the sign-up message includes the confirmation.
        assert re.match(
            r'\{% (extends "(email/base|account/email/base_notification)\.html"|include )',
            path.read_text(),
        ), path


# Trusted HTML -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_stored_markup_is_the_rendered_html_marked_safe():
    article = ArticleFactory(body="Some *words*.", invitation="What **now**?")
    comment = CommentFactory(thread=article.thread, body="A <b>bold</b> claim")
    for value, html in [
        (article.body_markup, article.body_html),
        (article.invitation_markup, article.invitation_html),
        (comment.body_markup, comment.body_html),
    ]:
        assert isinstance(value, SafeString) and value == html
    assert "<b>" not in comment.body_markup  # the renderer escaped it when the comment was saved


@pytest.mark.django_db
def test_comment_html_is_printed_once_and_unescaped(client):
    article = ArticleFactory()
    CommentFactory(thread=article.thread, body="A *fine* point")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "A <em>fine</em> point" in html
    assert "&lt;em&gt;" not in html


# The pager ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_thread_pager_keeps_the_sort_and_the_discussion_anchor(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    for n in range(5):
        CommentFactory(thread=article.thread, body=f"Comment {n}")
    html = client.get(article.get_absolute_url() + "?sort=newest&page=2").content.decode()
    nav, links = pager(html)
    assert 'aria-label="Comment pages"' in nav and "Comments page 2 of 3" in nav
    assert links == {
        "prev": "?sort=newest&page=1#discussion",
        "next": "?sort=newest&page=3#discussion",
    }
    assert "← Previous comments" in nav and "More comments →" in nav
    _, links = pager(client.get(article.get_absolute_url()).content.decode())
    assert links == {"next": "?page=2#discussion"}


@pytest.mark.django_db
def test_search_pager_keeps_the_query_and_the_kind(client, monkeypatch):
    monkeypatch.setattr("articles.views.SEARCH_RESULTS_PER_PAGE", 1)
    ArticleFactory(title="Volcano one", body="Lava flows.")
    ArticleFactory(title="Volcano two", body="Ash clouds.")
    html = client.get(reverse("articles:search"), {"q": "volcano"}).content.decode()
    nav, links = pager(html)
    assert 'aria-label="Pages of results"' in nav and "Page 1 of 2" in nav
    assert links == {"next": "?q=volcano&type=articles&page=2"}
    assert "Next →" in nav


@pytest.mark.django_db
def test_home_and_topic_pagers_say_newer_and_older(client, monkeypatch):
    monkeypatch.setattr("articles.views.ARTICLES_PER_PAGE", 1)
    topic = TopicFactory()
    for _ in range(3):
        ArticleFactory().topics.add(topic)
    assert Article.objects.count() == 3
    for url in (reverse("articles:home"), topic.get_absolute_url()):
        nav, links = pager(client.get(url, {"page": 2}).content.decode())
        assert links == {"prev": "?page=1", "next": "?page=3"}
        assert "← Newer" in nav and "Older →" in nav and "Page 2 of 3" in nav


@pytest.mark.django_db
def test_profile_comments_pager(client, monkeypatch):
    monkeypatch.setattr("forum.integrations.PROFILE_COMMENTS_PER_PAGE", 2)
    author = UserFactory(username="talker")
    article = ArticleFactory()
    for n in range(3):
        CommentFactory(thread=article.thread, author=author, body=f"Comment {n}")
    nav, links = pager(client.get(reverse("accounts:profile", args=["talker"])).content.decode())
    assert links == {"next": "?page=2"} and "Page 1 of 2" in nav


@pytest.mark.django_db
def test_desk_and_log_pagers_keep_their_filters(client, monkeypatch):
    monkeypatch.setattr("forum.moderation.views.desk.ITEMS_PER_PAGE", 1)
    monkeypatch.setattr("forum.moderation.views.desk.LOG_PER_PAGE", 1)
    moderator = ModeratorFactory()
    thread = ArticleFactory().thread
    for n in range(2):
        comment = CommentFactory(thread=thread, body=f"Held {n}", pending=True)
        decisions.comment_approve(comment=comment, moderator=moderator)
        CommentFactory(thread=thread, body=f"Held again {n}", pending=True)
    client.force_login(moderator)
    _, links = pager(client.get(reverse("moderation:desk"), {"thread": thread.pk}).content.decode())
    assert links == {"next": f"?thread={thread.pk}&page=2"}
    _, links = pager(client.get(reverse("moderation:search"), {"q": "Held"}).content.decode())
    assert links == {"next": "?q=Held&page=2"}
    nav, links = pager(
        client.get(reverse("moderation:log"), {"action": "comment_approve"}).content.decode()
    )
    assert links == {"next": "?action=comment_approve&page=2"} and "Older →" in nav


# The desk's action forms -----------------------------------------------------------------------


@pytest.mark.django_db
def test_desk_actions_post_with_and_without_htmx(client):
    moderator = ModeratorFactory()
    comment = CommentFactory(thread=ArticleFactory().thread, body="Held", pending=True)
    client.force_login(moderator)
    html = client.get(reverse("moderation:desk")).content.decode()
    for name in ("comment_approve", "comment_reject"):
        url = reverse(f"moderation:{name}", args=[comment.pk])
        form = re.search(rf'<form method="post" action="{url}"[^>]*>.*?</form>', html, re.S)
        assert form, name
        assert f'data-hx-post="{url}"' in form.group(0)
        assert 'name="csrfmiddlewaretoken"' in form.group(0)
        assert 'name="next" value="/moderation/"' in form.group(0)
    assert f'<select name="reason" id="reason-{comment.pk}" required>' in html


@pytest.mark.django_db
def test_member_and_thread_actions_are_plain_forms(client):
    moderator = ModeratorFactory()
    UserFactory(username="someone", always_premoderate=True)
    thread = ArticleFactory().thread
    client.force_login(moderator)
    html = client.get(reverse("moderation:member", args=["someone"])).content.decode()
    url = reverse("moderation:member_lift_premoderation", args=["someone"])
    assert re.search(
        rf'<form method="post" action="{url}">\s*<input type="hidden" name="csrfmiddlewaretoken"'
        r'[^>]*>\s*<button type="submit" class="button--small button--secondary">'
        r"Stop pre-moderating</button>",
        html,
    )
    html = client.get(reverse("moderation:thread", args=[thread.pk])).content.decode()
    url = reverse("moderation:thread_premoderation", args=[thread.pk])
    form = re.search(rf'<form method="post" action="{url}">.*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="premoderate" value="on">' in form
    assert "hx-post" not in form


# The nesting cap ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_reply_to_a_comment_at_the_cap_lands_beside_it(client, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    thread = ArticleFactory().thread
    author = UserFactory()
    parent = root = None
    for depth in range(reading.NESTING_LEVELS):
        parent = CommentFactory(
            thread=thread, author=author, body=f"Level {depth + 1}", parent=parent
        )
        root = root or parent
    client.force_login(UserFactory())
    at_cap = client.get(reverse("forum:comment_reply", args=[parent.pk]), HTTP_HX_REQUEST="true")
    assert f'data-hx-target="#{parent.anchor}" data-hx-swap="afterend"' in at_cap.content.decode()
    above = client.get(
        reverse("forum:comment_reply", args=[parent.parent_id]), HTTP_HX_REQUEST="true"
    )
    assert f'data-hx-target="#replies-{parent.parent_id}"' in above.content.decode()
    assert reading.Node(comment=parent, level=reading.NESTING_LEVELS).at_cap
    assert not reading.Node(comment=parent, level=reading.NESTING_LEVELS - 1).at_cap


# E-mails ----------------------------------------------------------------------------------


def assert_has_base_footer(html, settings):
    footer = re.search(r'<td class="email-footer"[^>]*>(.*?)</td>', html, re.S)
    assert footer, "the e-mail lacks the base's footer"
    assert "You get this e-mail because" in footer.group(1)
    assert f'<a href="{settings.SITE_URL}/"' in html  # the header's link to the site


@pytest.mark.django_db
def test_sign_up_confirmation_has_the_base_footer(client, settings):
    sign_up(client)
    (message,) = mail.outbox
    assert_has_base_footer(html_body(message), settings)
    assert f"— {settings.SITE_NAME}\n{settings.SITE_URL}/" in message.body


@pytest.mark.django_db
def test_reply_notification_has_the_base_footer(
    settings, member, other_member, django_capture_on_commit_callbacks
):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.COMMENT_RATE_PER_MINUTE = 100
    thread = ArticleFactory().thread
    with django_capture_on_commit_callbacks(execute=True):
        parent = transitions.comment_create(author=member, thread=thread, body="My point")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.comment_create(author=other_member, thread=thread, body="Reply", parent=parent)
    (message,) = mail.outbox
    html = html_body(message)
    assert_has_base_footer(html, settings)
    assert "Stop these e-mails" in html and f"Hello {member.public_name}," in html
    assert "Stop these e-mails: " in message.body


@pytest.mark.django_db
def test_rejection_email_has_the_base_footer(settings):
    comment = CommentFactory(thread=ArticleFactory().thread, body="Rude words")
    comment.status = Comment.Status.REJECTED
    comment.rejection_reason = "spam"
    message = rejection_email(comment)
    assert_has_base_footer(html_body(message), settings)
    assert f"— {settings.SITE_NAME}\n{settings.SITE_URL}/" in message.body
