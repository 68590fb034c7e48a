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


def test_a_page_is_compressed_with_isal_and_padded_like_djangos(client, article):
    from isal import isal_zlib

    from forum.platform.compression import LEVEL

    client.force_login(UserFactory())
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    html = gzip.decompress(page.content)
    assert page["Vary"].count("Accept-Encoding") == 1
    assert page["Content-Length"] == str(len(page.content))
    assert page.content[3] & gzip.FNAME  # the random-length name, against BREACH
    deflated = isal_zlib.compressobj(LEVEL, isal_zlib.DEFLATED, -15)
    expected = deflated.compress(html) + deflated.flush()
    name_end = page.content.index(b"\x00", 10) + 1
    assert page.content[name_end : name_end + len(expected)] == expected
