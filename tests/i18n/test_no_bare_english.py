"""No page shows English a translator never saw: the pages rendered in a pseudo-locale.

Every message, ours and Django's and allauth's, reads ⟦message⟧ in the pseudo-locale
(tests/i18n/pseudo.py); the important pages are rendered in it and their visible text
(and title, aria-label, placeholder, alt, a button's value) scanned for words outside the
markers. Content is left out: the article's and comments' bodies (by their containers'
classes, pseudo.CONTENT_SELECTORS) and the names and titles the database holds.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import formats, translation

from accounts.models import User
from articles.models import Article, Page, Reference, Topic
from forum import languages
from tests.helpers import clear_caches
from tests.i18n import pseudo
from tests.test_html_validity import LANGUAGE_OF, PAGES, build_site

pytestmark = pytest.mark.django_db

# The pages of the HTML checker (article with comments and replies, home, topic hub,
# search, sign-in, sign-up, settings, the desk as a moderator, compose and report forms
# sent back, the 404 page; not its pages in another language: here all are in the
# pseudo-locale), and the embed.
SCANNED = {
    **{name: page for name, page in PAGES.items() if name not in LANGUAGE_OF},
    "embed": ("/embed/?key={key}", None, 200),
}


@pytest.fixture(scope="module")
def pseudo_locale(extracted, tmp_path_factory):
    """Return settings that speak the pseudo-locale, its catalogue compiled from the sources."""
    folder = tmp_path_factory.mktemp("pseudo")
    pots = [extracted / f"{domain}.pot" for domain in ("django", "djangojs")]
    pseudo.build(folder, [pot for pot in pots if pot.exists()])
    return override_settings(
        LANGUAGES=[*settings.LANGUAGES, (pseudo.LANGUAGE, pseudo.NAME)],
        LOCALE_PATHS=[folder],
        FORMAT_MODULE_PATH=["tests.i18n.formats"],
    )


def spoken(pseudo_locale):
    """Enter the pseudo-locale, with Django's translation and format caches emptied."""

    class Speaking:
        def __enter__(self):
            pseudo_locale.enable()
            formats.reset_format_cache()

        def __exit__(self, *exc):
            pseudo_locale.disable()
            formats.reset_format_cache()
            translation.activate(settings.LANGUAGE_CODE)

    return Speaking()


def content_strings():
    """Return what the pages may show that is content: names, titles, the site's name."""
    strings = [settings.SITE_NAME, pseudo.NAME, *languages.NAMES.values()]
    for article in Article.objects.all():
        strings += [article.title, article.standfirst, article.byline]
    strings += [s for t in Topic.objects.all() for s in (t.name, t.description)]
    strings += [s for r in Reference.objects.all() for s in (r.title, r.note)]
    strings += list(Page.objects.values_list("title", flat=True))
    for user in User.objects.all():
        strings += [user.username, user.display_name, user.bio]
    return strings


@pytest.fixture(scope="module")
def findings(pseudo_locale, django_db_setup, django_db_blocker):
    """Return {page name: [(where, words)]} for every scanned page."""
    found = {}
    with spoken(pseudo_locale), django_db_blocker.unblock(), transaction.atomic():
        clear_caches()
        site = build_site()
        content = pseudo.content_pattern(content_strings())
        for name, (url, who, status, *data) in SCANNED.items():
            url = url.format(
                shared=site["shared"].pk, thread=site["thread"].pk, key=site["thread"].key
            )
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = pseudo.LANGUAGE
            if who:
                client.force_login(site[who])
            response = client.post(url, data[0]) if data else client.get(url)
            assert response.status_code == status, f"{name}: {url} answered {response.status_code}"
            assert response["Content-Language"] == pseudo.LANGUAGE, name
            found[name] = pseudo.scan(response.content.decode(), content)
        transaction.set_rollback(True)
        clear_caches()
    return found


@pytest.mark.parametrize("page_name", SCANNED)
def test_page_has_no_bare_english(findings, page_name):
    found = findings[page_name]
    lines = "\n".join(f"  {where}: {words}" for where, words in found)
    assert not found, f"{page_name}: {len(found)} texts outside translation tags\n{lines}"


def test_every_page_was_scanned(findings):
    assert set(findings) == set(SCANNED)


# The scanner itself: a page of our own, part marked and part bare. -------------------

OWN_PAGE = Template(
    """{% load i18n %}<!doctype html><html><head>
<title>{% translate "Language" %} · {{ site }}</title>
<style>.x { content: "Bare style" }</style><script>var bare = "Bare script";</script></head>
<body><main>
<h1>{% translate "Change" %}</h1>
<p>{% blocktranslate with name=name %}Written by {{ name }}{% endblocktranslate %}</p>
<p>Bare words here</p>
<nav aria-label="Bare label"><a href="/x/" title="{% translate "Language" %}">{{ name }}</a></nav>
<input type="submit" value="Bare button"><input type="text" placeholder="{% translate "Change" %}">
<img src="/a.png" alt="A bare picture">
<div class="prose--comment"><p>A member's own words, never translated.</p></div>
<p>12 · 2026-12-07 · https://example.org/page — {{ site }}</p>
<p>{% translate "January" %} <time datetime="2026-12-07">7 {% translate "December" %}</time></p>
</main></body></html>"""
)


def test_the_scan_finds_bare_text_and_passes_marked_text(pseudo_locale):
    with spoken(pseudo_locale), translation.override(pseudo.LANGUAGE):
        html = OWN_PAGE.render(Context({"site": settings.SITE_NAME, "name": "Ann"}))
    assert "⟦Language⟧" in html and "⟦December⟧" in html  # ours and Django's messages
    found = pseudo.scan(html, pseudo.content_pattern([settings.SITE_NAME, "Ann"]))
    assert sorted(words for _, words in found) == [
        "A bare picture",
        "Bare button",
        "Bare label",
        "Bare words here",
        "Written by",  # a message the catalogue lacks reads as English: bare too
    ]


def test_a_message_with_markup_in_it_is_marked_across_its_tags():
    html = "<p>⟦Read the <a href='/g/'>guidelines</a> first⟧ then</p>"
    assert pseudo.scan(html) == [("<p>", "then")]


def test_the_pseudo_catalogue_holds_django_and_allauth_messages():
    names = {Path(po).parts[-5] for po in pseudo.reference_catalogues()}
    assert {"conf", "allauth"} <= names  # Django's own and allauth's
