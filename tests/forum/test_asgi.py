"""The site served over ASGI (uvicorn, as in `make run` and production) behaves as under WSGI.

The rest of the suite goes through Django's test client; this drives real HTTP: pages,
gzip and the page cache, static files, sessions with CSRF, a posted comment, request ids.
"""

import re

import pytest
import requests

from tests.asgi_server import asgi_server
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    with asgi_server() as url:
        yield url


def test_pages_static_files_and_cached_anonymous_pages(site):
    article = ArticleFactory()
    home = requests.get(site + "/", timeout=10)
    assert home.status_code == 200 and "text/html" in home.headers["Content-Type"]
    assert home.headers["X-Request-ID"]
    assert "Content-Security-Policy" in home.headers

    page = requests.get(site + article.get_absolute_url(), timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Encoding"] == "gzip"
    again = requests.get(
        site + article.get_absolute_url(), headers={"If-None-Match": page.headers["ETag"]}
    )
    assert again.status_code == 304

    script = requests.get(site + "/static/js/live.js", timeout=10)
    assert script.status_code == 200 and "EventSource" in script.text
    assert requests.get(site + "/no-such-page/", timeout=10).status_code == 404


def test_a_member_signs_in_and_posts_a_comment(site):
    member = UserFactory(username="asgi-member")
    article = ArticleFactory()
    browser = requests.Session()
    login = browser.get(site + "/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    signed_in = browser.post(
        site + "/accounts/login/",
        data={
            "login": member.username,
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": site + "/accounts/login/"},
        timeout=10,
    )
    assert signed_in.status_code == 200 and "asgi-member" in signed_in.text

    page = browser.get(site + article.get_absolute_url(), timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    posted = browser.post(
        site + f"/threads/{article.thread.pk}/comments/",
        data={"body": "Posted over ASGI", "csrfmiddlewaretoken": token},
        headers={"Referer": site + article.get_absolute_url()},
        timeout=10,
    )
    assert posted.status_code == 200
    assert "Posted over ASGI" in posted.text
    refused = requests.post(site + f"/threads/{article.thread.pk}/comments/", data={"body": "x"})
    assert refused.status_code == 403  # no CSRF token


def test_an_event_stream_is_sent_as_it_comes(site):
    article = ArticleFactory()
    with requests.get(
        site + f"/threads/{article.thread.pk}/events/",
        headers={"Accept-Encoding": "gzip"},
        stream=True,
        timeout=10,
    ) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        assert stream.headers["X-Accel-Buffering"] == "no"
        first = next(stream.iter_content(chunk_size=None))
        assert b"retry:" in first
