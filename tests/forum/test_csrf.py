"""No state-changing request without a CSRF token: a walk over every URL the site answers.

Every URL of the URL configuration is sent a POST without a token, as a signed-in member
and as a moderator who carry the site's cookies (session and csrftoken) as a browser would
on another site's form. Each must be refused by the CSRF check and change nothing. The API
skips Django's middleware: it checks the token itself for writes with the session
(forum/api/auth.py), so each of its addresses is sent every writing method. A view exempt
from the check must be listed below with its reason, so a new exempt view fails this test.
"""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from accounts.tokens import token_create
from articles.models import Page
from forum.comments import transitions
from forum.models import Comment, WordRule
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    ModeratorFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Views that skip Django's CSRF check on purpose, by URL name (or dotted path when unnamed).
EXEMPT = {
    "forum:unsubscribe": (
        "one-click unsubscribe from an e-mail (RFC 8058): mail providers POST without the "
        "reader's cookies, and the signed token in the address is the proof"
    ),
    "articles:share_mastodon": (
        "its form is on pages cached for anonymous readers, which must set no CSRF cookie; "
        "a same-origin check (Sec-Fetch-Site, else Origin) guards it instead"
    ),
    "forum.api.errors.not_found_view": "answers 404 to an unknown address under /api/",
    "accounts:sso_token": (
        "the publisher's page posts a sign-in token from its own site; the signed token, "
        "good once and for minutes, is the proof (docs/integration.md)"
    ),
    "accounts:sso_deleted": (
        "a server-to-server call from the publisher, with no cookies; a signed token good "
        "once is the proof"
    ),
}
# API writes that use no session at all (auth=None), with the reason a cookie can't matter.
API_EXEMPT = {
    "api:embed_sso": (
        "the embed's frame exchanges the publisher's signed token for an embed token: the "
        "session is never read, and the token, good once and for minutes, is the proof"
    ),
}
# The JSON API (django-ninja) skips the middleware: a bearer token is no ambient credential,
# and a write with the session cookie must carry X-CSRFToken (SessionAuth), checked below.
API_NAMESPACE = "api"
API_WRITES = ("post", "put", "patch", "delete")

# Writes issue 23 names, and a few more: the walk must reach each (and so can't pass empty).
MUST_BE_REFUSED = {
    "forum:comment_post",
    "forum:comment_reply",
    "forum:comment_edit",
    "forum:comment_delete",
    "forum:comment_vote",
    "forum:comment_report",
    "forum:thread_follow",
    "forum:markdown_preview",
    "accounts:token_new",
    "accounts:token_revoke",
    "moderation:comment_approve",
    "moderation:member_ban",
    "account_logout",
}

# Which comment each address acts on, so that without the check it would change something.
COMMENT_FOR = {
    "forum:comment_edit": "own",
    "forum:comment_delete": "own",
    "api:comment_edit": "own",
    "api:comment_delete": "own",
    "moderation:comment_approve": "held",
    "moderation:comment_restore": "rejected",
    "moderation:comment_unfeature": "featured",
    "moderation:reports_dismiss": "reported",
}

# What a form would send: enough for most of these writes to succeed were the check missing.
FORM = {
    "body": "Sent from another site",  # a comment, a reply, an edit
    "content": "Sent from another site",  # the preview
    "reason": "spam",  # a report, a rejection, a suspension, a ban
    "note": "Sent from another site",
    "text": "Sent from another site",  # a moderator's note on a member
    "follow": "1",
    "name": "Sent from another site",  # a token
    "scope": "write",
    "phrase": "crosssite",  # a word rule
    "kind": "banned",
    "until": "2999-01-01 00:00",  # a suspension
    "premoderate": "on",
    "action": "approve",  # the desk's bulk form
}
CSRF_REFUSED = "CSRF refused"


def csrf_refused(request, reason=""):
    """Answer a request the CSRF check refused, recognisably (CSRF_FAILURE_VIEW in tests)."""
    return HttpResponse(f"{CSRF_REFUSED}: {reason}", status=403)


def walk(resolver=None, route="", regexes=(), namespaces=()):
    """Yield (key, route, regexes, pattern) for every URL pattern, nested ones included.

    `key` is the pattern's namespaced name, or the dotted path of its view when unnamed;
    `regexes` are the pattern's and its parents' (their groups name its parameters).
    """
    for pattern in (resolver or get_resolver()).url_patterns:
        here = route + str(pattern.pattern)
        chain = (*regexes, pattern.pattern.regex)
        if isinstance(pattern, URLResolver):
            spaces = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from walk(pattern, here, chain, spaces)
        elif pattern.name:
            yield ":".join((*namespaces, pattern.name)), here, chain, pattern
        else:
            view = pattern.callback
            yield f"{view.__module__}.{view.__qualname__}", here, chain, pattern


def exempt(pattern):
    return getattr(pattern.callback, "csrf_exempt", False)


@pytest.fixture
def world():
    """A thread with comments in every state, members, a moderator, tokens and a word rule."""
    member, other, moderator = UserFactory(), UserFactory(), ModeratorFactory()
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    thread = article.thread
    comments = {
        "theirs": CommentFactory(thread=thread, author=other, body="Their comment"),
        "held": CommentFactory(thread=thread, author=other, pending=True),
        "rejected": CommentFactory(thread=thread, author=other, status=Comment.Status.REJECTED),
        "featured": CommentFactory(thread=thread, author=other, is_featured=True),
        "reported": CommentFactory(thread=thread, author=other),
    }
    transitions.comment_report(comment=comments["reported"], reporter=member, reason="spam")
    readers = (member, moderator)
    return SimpleNamespace(
        member=member,
        other=other,
        moderator=moderator,
        article=article,
        topic=topic,
        page=Page.objects.create(title="House rules", slug="house-rules", body="Be kind."),
        thread=thread,
        comments=comments,
        own={user.pk: CommentFactory(thread=thread, author=user) for user in readers},
        tokens={user.pk: token_create(user=user, name="t", scope="write")[0] for user in readers},
        rule=WordRule.objects.create(phrase="dodgy", kind=WordRule.Kind.SUSPECT),
    )


def admin_object_id(key):
    """Return the id of a row of the model an admin address names (admin:app_model_action)."""
    for model in admin.site._registry:
        if key.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 1
    raise AssertionError(f"No model for the admin address {key}")


def arguments(key, pattern_names, world, user):
    """Return the URL arguments that make address `key` act on real objects for `user`."""
    comment = world.comments.get(COMMENT_FOR.get(key, "theirs")) or world.own[user.pk]
    slug = world.article.slug
    if key.startswith("articles:topic"):
        slug = world.topic.slug
    elif key == "articles:page":
        slug = world.page.slug
    values = {
        "thread_id": world.thread.pk,
        "comment_id": comment.pk,
        "username": world.other.username,
        "token_id": world.tokens[user.pk].pk,
        "rule_id": world.rule.pk,
        "slug": slug,
        "queue": "pending",
        "app_label": "forum",
        "content_type_id": ContentType.objects.get_for_model(Comment).pk,
        "object_id": world.comments["theirs"].pk,
        # allauth's e-mail confirmation and password reset keys
        "key": "not-a-real-key",
        "uidb36": "1",
        "id": world.other.pk,  # the admin's password change of a member
        "url": "no-such-page/",  # the admin's catch-all
        # the DSA's notices, statements, appeals and trusted flaggers (none needs to exist)
        "reference": "N-00000000",
        "notice_id": 1,
        "appeal_id": 1,
        "flagger_id": 1,
        "endpoint_id": 1,  # a webhook endpoint (none needs to exist)
        "run_id": 1,  # a desk import (none needs to exist)
        "language": "de",  # the scripts' catalogue
    }
    if "object_id" in pattern_names and re.match(r"admin:\w+_(change|delete|history)$", key):
        values["object_id"] = admin_object_id(key)
    unknown = set(pattern_names) - set(values)
    assert not unknown, f"{key}: give this test a value for the parameters {unknown}"
    return {name: values[name] for name in pattern_names}


def address(key, route, pattern, names, world, user):
    """Return the address of a pattern, with arguments naming real objects."""
    kwargs = arguments(key, names, world, user)
    if pattern.name:
        return reverse(key, kwargs=kwargs)

    def fill(match):
        return str(kwargs[match.group(1)])

    # Unnamed (an admin redirect, the admin's catch-all): fill the route in.
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, route)  # re_path("(?P<id>...)")
    route = re.sub(r"<(?:\w+:)?(\w+)>", fill, route)  # path("<int:id>/")
    assert "(" not in route, f"{key}: name this pattern, or teach the test its address"
    return "/" + route.replace("^", "").replace("$", "")


def parameter_names(route_regexes):
    return [name for regex in route_regexes for name in regex.groupindex]


def everything():
    """Return every row of every table, to tell that a request changed nothing."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
    }


def signed_in_browser(user):
    """Return a client for `user` with the cookies a browser sends along on any site's form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = "k" * 32  # a csrftoken cookie, as after any page
    return client


def refused_by_django(response):
    return response.status_code == 403 and response.content.decode().startswith(CSRF_REFUSED)


def refused_by_the_api(response):
    return (
        response.status_code == 403
        and response["Content-Type"].startswith("application/json")
        and response.json()["code"] == "csrf_failed"
    )


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_every_address_refuses_a_write_without_the_csrf_token(world, who, settings):
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_refused"
    user = getattr(world, who)
    client = signed_in_browser(user)
    before = everything()
    refused, api_refused, exempt_found, answered = set(), set(), set(), {}
    for key, route, regexes, pattern in walk():
        if key in API_EXEMPT or (exempt(pattern) and not key.startswith(f"{API_NAMESPACE}:")):
            exempt_found.add(key)
            continue
        url = address(key, route, pattern, parameter_names(regexes), world, user)
        if not exempt(pattern):
            response = client.post(url, FORM)
            if refused_by_django(response):
                refused.add(key)
            else:
                answered[f"POST {url} ({key})"] = response.status_code
            continue
        for method in API_WRITES:
            response = getattr(client, method)(url, "{}", content_type="application/json")
            if response.status_code == 405:
                continue  # no such write at this address
            if refused_by_the_api(response):
                api_refused.add(f"{method.upper()} {url}")
            else:
                answered[f"{method.upper()} {url} ({key})"] = response.status_code
    assert answered == {}, "answered a write without the CSRF token"
    assert exempt_found == set(EXEMPT) | set(API_EXEMPT), (
        "exempt from the CSRF check: list it with its reason"
    )
    assert MUST_BE_REFUSED <= refused
    comment = reverse("api:comment_edit", args=[world.own[user.pk].pk])
    theirs = world.comments["theirs"].pk
    assert {
        f"POST {reverse('api:comment_post', args=[world.thread.pk])}",
        f"PATCH {comment}",
        f"DELETE {comment}",
        f"POST {reverse('api:comment_vote', args=[theirs])}",
        f"POST {reverse('api:comment_report', args=[theirs])}",
    } <= api_refused
    assert everything() == before, "a request without the CSRF token changed something"
    assert client.get(reverse("accounts:settings")).status_code == 200  # still signed in
