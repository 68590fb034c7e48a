"""The scripts' words: /jsi18n/<language>.js, Django's JavaScript catalogue a language."""

import pytest

from forum.platform import jscatalog

pytestmark = pytest.mark.django_db


def test_the_german_catalogue_has_the_scripts_german_words(client):
    response = client.get("/jsi18n/de.js")

    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    body = response.content.decode()
    assert '"Link copied": "Link kopiert"' in body  # share.js
    assert '"Show": "Anzeigen"' in body  # live.js
    assert "django.pluralidx" in body


def test_the_catalogue_may_be_kept_by_browsers_and_caches(client):
    response = client.get("/jsi18n/de.js")

    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]


def test_arabic_has_six_plural_forms(client):
    body = client.get("/jsi18n/ar.js").content.decode()

    assert "n==0 ? 0 : n==1 ? 1 : n==2 ? 2" in body.replace("(", "").replace(")", "")


def test_an_unknown_language_has_no_catalogue(client):
    assert client.get("/jsi18n/xx.js").status_code == 404


def test_english_pages_load_no_catalogue():
    assert jscatalog.url("en") is None
    assert jscatalog.url("de").startswith("/jsi18n/de.js?v=")
