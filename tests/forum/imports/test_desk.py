"""The desk's import page: staff upload an archive; the worker imports it; the report shows."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum.imports.runner import run_import
from forum.models import Comment, ImportRun
from forum.moderation.views.imports import in_chunks
from tests.factories import ModeratorFactory, UserFactory
from tests.helpers import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


def upload(client, sample, name="disqus.xml", **fields):
    with open(sample(name), "rb") as stream:
        data = {"format": "disqus", "file": SimpleUploadedFile(name, stream.read()), **fields}
    return client.post(reverse("moderation:imports"), data)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("moderation:imports"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_only_staff_may_import(client, sample, who, articles):
    user = UserFactory() if who == "member" else ModeratorFactory()
    client.force_login(user)
    assert client.get(reverse("moderation:imports")).status_code == 403
    assert upload(client, sample).status_code == 403
    assert not ImportRun.objects.exists() and not Comment.objects.exists()


def test_staff_upload_runs_the_import_and_shows_its_report(
    client, sample, staff, articles, uploads, django_assert_max_num_queries
):
    client.force_login(staff)
    assert client.get(reverse("moderation:imports")).status_code == 200
    response = upload(client, sample)
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:import_run", args=[run.pk])
    assert run.state == ImportRun.State.DONE and run.done == 7 and run.total == 7
    assert run.report["counts"]["published"] == 5
    assert Comment.objects.filter(import_source="disqus").count() == 7
    assert os.listdir(uploads) == []  # the file (e-mail and IP addresses) is gone
    with django_assert_max_num_queries(15):
        page = client.get(response["Location"]).content.decode()
    assert "Published</dt><dd>5</dd>" in page
    assert "9006 (its parent 8999)" in page
    assert 'http-equiv="refresh"' not in page


def test_a_hostile_file_fails_with_its_reason(client, sample, staff):
    client.force_login(staff)
    upload(client, sample, name="billion_laughs.xml")
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED
    assert "billion laughs" in run.error
    page = client.get(reverse("moderation:import_run", args=[run.pk])).content.decode()
    assert "billion laughs" in page


def test_a_waiting_import_refreshes_its_page(client, staff):
    run = ImportRun.objects.create(started_by=staff, format="disqus", file_name="x.xml", path="/x")
    client.force_login(staff)
    page = client.get(reverse("moderation:import_run", args=[run.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page


def test_a_form_without_a_file_says_so(client, staff):
    client.force_login(staff)
    response = client.post(reverse("moderation:imports"), {"format": "disqus"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_staff_download_the_export(client, staff, sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))
    client.force_login(staff)
    response = client.get(reverse("moderation:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="discussion-')
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith('{"type": "site"')
    assert sum('"type": "comment"' in line for line in lines) == 7


def test_a_moderator_who_is_not_staff_may_not_download_it(client):
    client.force_login(ModeratorFactory())
    assert client.get(reverse("moderation:export")).status_code == 403


def test_a_large_archive_is_accepted_on_the_upload_page_only(client, staff, settings, sample):
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(staff)
    upload(client, sample)  # about 10 KB
    assert ImportRun.objects.get().state == ImportRun.State.DONE
    response = client.post(reverse("imports:claim"), {"guest": "1", "x": "y" * 2000}, follow=False)
    assert response.status_code == 413


def test_imported_spam_and_held_comments_show_on_the_desk(client, sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))
    run_import(format="wordpress", path=sample("wordpress.xml"))
    client.force_login(ModeratorFactory())
    rejected = client.get(reverse("moderation:queue", args=["rejected"])).content.decode()
    assert "BUY CHEAP WATCHES" in rejected and "Watches" in rejected
    assert "Marked as spam on the site it came from" in rejected
    pending = client.get(reverse("moderation:desk")).content.decode()
    assert "Anonymous, awaiting moderation" in pending
    spam = Comment.objects.get(import_key="9004")
    detail = client.get(reverse("moderation:comment", args=[spam.pk]))
    assert detail.status_code == 200 and "Watches" in detail.content.decode()


def test_under_asgi_the_export_streams_in_chunks():
    lines = iter([f"line {n}\n" for n in range(10)])

    async def collect():
        return [chunk async for chunk in in_chunks(lines, size=4)]

    assert run(collect()) == [
        "line 0\nline 1\nline 2\nline 3\n",
        "line 4\nline 5\nline 6\nline 7\n",
        "line 8\nline 9\n",
    ]
