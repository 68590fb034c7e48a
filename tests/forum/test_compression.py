"""Every HTML and JSON response of some size is compressed for clients that accept gzip."""

import gzip
import json

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_member_pages_and_json_are_gzipped(client, article):
    client.force_login(UserFactory())
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)
    export = client.post("/accounts/export/", HTTP_ACCEPT_ENCODING="gzip")
    assert export.status_code == 200
    assert export["Content-Encoding"] == "gzip"
    assert "profile" in json.loads(gzip.decompress(export.content))


def test_no_compression_without_accept_encoding(client, article):
    page = client.get(article.get_absolute_url())
    assert not page.has_header("Content-Encoding")
