"""The embed's frame is a page of its own: it says its language and loads the scripts' words."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def allowed(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://news.example"]


def embed(client, thread, language):
    url = reverse("embed:thread")
    return client.get(url, {"key": thread.key}, headers={"Accept-Language": language})


def test_a_german_frame_loads_the_catalogue_before_its_scripts(client, thread):
    html = embed(client, thread, "de").content.decode()

    assert '<html lang="de"' in html
    catalogue = html.index('<script src="/jsi18n/de.js?v=')
    assert catalogue < html.index("js/embed-frame.js") < html.index("js/embed-member.js")


def test_an_english_frame_loads_no_catalogue(client, thread):
    html = embed(client, thread, "en").content.decode()

    assert '<html lang="en"' in html
    assert "/jsi18n/" not in html
