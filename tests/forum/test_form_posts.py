"""Form posts that are not valid UTF-8 are refused, not stored with replacement characters."""

import pytest
from django.urls import reverse

from forum import refusals
from forum.models import Comment

FORM = "application/x-www-form-urlencoded"


@pytest.mark.django_db
class TestFormEncoding:
    def _post(self, client, thread, body, content_type=FORM):
        url = reverse("forum:comment_post", args=[thread.pk])
        return client.post(url, body, content_type=content_type)

    def test_a_percent_encoded_invalid_byte_is_refused(self, client_as, member, thread):
        response = self._post(client_as(member), thread, b"body=caf%E9+au+lait")
        assert response.status_code == 400
        assert response.content.decode() == refusals.FORM_NOT_UTF8
        assert not Comment.objects.exists()

    def test_a_raw_invalid_byte_is_refused(self, client_as, member, thread):
        response = self._post(client_as(member), thread, b"body=caf\xe9")
        assert response.status_code == 400
        assert not Comment.objects.exists()

    def test_valid_utf8_posts(self, client_as, member, thread, settings):
        settings.PREMODERATE_FIRST_COMMENTS = 0
        response = self._post(client_as(member), thread, "body=caf%C3%A9+✓".encode())
        assert response.status_code == 302
        assert Comment.objects.get().body == "café ✓"

    def test_get_requests_are_not_checked(self, client, thread):
        assert client.get(thread.url + "?q=%E9").status_code == 200
