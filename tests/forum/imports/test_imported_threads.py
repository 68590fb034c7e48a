"""An imported thread is just another thread: its pages cost what a busy thread's cost."""

import re

import pytest

from forum.imports.runner import run_import
from forum.models import Comment
from tests.factories import UserFactory
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db
CARD = re.compile(r'<li class="comment comment--level-')
ROOTS, REPLIES = 60, 10  # as the busy thread of tests/forum/discussion/test_bounded_pages.py


def archive(path, url):
    """Write a Disqus export of one thread: ROOTS comments with REPLIES replies each, every
    comment by another guest (their names and avatars are what a member's cards lack)."""
    posts, number = [], 0
    for root in range(ROOTS):
        for reply in range(REPLIES + 1):
            number += 1
            parent = f'<parent dsq:id="{root * (REPLIES + 1) + 1}"/>' if reply else ""
            posts.append(
                f'<post dsq:id="{number}"><message><![CDATA[<p>Comment {number}, by a reader '
                f"of this story.</p>]]></message><createdAt>2015-01-01T00:{number % 60:02d}:00Z"
                f"</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author>"
                f"<email>reader{number}@example.org</email><name>Reader {number}</name>"
                f"<isAnonymous>false</isAnonymous><username>reader{number}</username></author>"
                f'<thread dsq:id="1"/>{parent}</post>'
            )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><id>a</id>'
        f"<link>{url}</link><title>T</title></thread>{''.join(posts)}</disqus>"
    )


@pytest.fixture
def imported(tmp_path, articles):
    article = articles["the-2019-hanoi-summit-explained"]
    path = tmp_path / "thread.xml"
    archive(path, f"https://news.example.org{article.get_absolute_url()}")
    report = run_import(format="disqus", path=str(path), batch_size=250)
    assert report.counts["published"] == ROOTS * (REPLIES + 1)
    clear_caches()
    return article


@pytest.mark.parametrize("query", ["", "?sort=top", "?page=2", "thread"])
def test_an_imported_thread_s_pages_cost_what_a_busy_thread_s_cost(
    client, imported, query, django_assert_max_num_queries
):
    if query == "thread":
        root = Comment.objects.filter(thread=imported.thread, parent=None).first()
        query = f"?thread={root.pk}"
    url = imported.get_absolute_url() + query
    with django_assert_max_num_queries(12):  # the busy thread's bound
        html = client.get(url).content.decode()
    assert 0 < len(CARD.findall(html)) <= 200
    client.force_login(UserFactory())
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_first_page_shows_the_imported_guests_by_name(client, imported):
    html = client.get(imported.get_absolute_url()).content.decode()
    assert len(CARD.findall(html)) == 50 * 4  # 50 threads, each with its first 3 replies
    assert len(set(re.findall(r"Reader \d+", html))) == 50 * 4  # each card its guest's name
