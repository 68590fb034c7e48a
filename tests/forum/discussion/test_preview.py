"""The Markdown preview, and odd input that must not crash a page."""

import pytest


@pytest.mark.django_db
class TestPreview:
    def test_preview_needs_a_member_and_sanitizes(self, client, member):
        url = "/markdown/preview/"
        assert client.post(url, {"content": "**hi**"}).status_code == 403
        client.force_login(member)
        response = client.post(url, {"content": "**hi** <script>x</script>"})
        assert response.status_code == 200
        assert "<strong>hi</strong>" in response.content.decode()
        assert "<script" not in response.content.decode()


@pytest.mark.django_db
def test_unicode_digits_and_missing_preview_content_do_not_crash(client, member, article):
    assert client.get(article.get_absolute_url() + "?comment=%C2%B2").status_code == 200
    client.force_login(member)
    assert client.post("/markdown/preview/", {}).status_code == 200
