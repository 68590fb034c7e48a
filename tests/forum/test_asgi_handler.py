"""The ASGI handler of pages: Django's sync stack in one thread hop, each request closed once."""

import threading

import pytest
from django.core import signals

from forum import asgi
from forum.platform.asgi_handler import SyncStackHandler
from tests.forum.pagecache.test_fastpath import Answer, call

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def recorded():
    seen = []

    def started(**kwargs):
        seen.append(("started", threading.get_ident()))

    def finished(**kwargs):
        seen.append(("finished", threading.get_ident()))

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    yield seen
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)


def test_a_page_starts_and_finishes_in_the_thread_that_served_it(recorded):
    answer = Answer("", call(asgi.page_application, "/accounts/login/"))
    assert answer.status == 200 and b"<form" in answer.body
    (started, started_in), (finished, finished_in) = recorded
    assert (started, finished) == ("started", "finished")
    assert started_in == finished_in != threading.get_ident()


def test_a_static_file_is_streamed_then_closed_once(recorded, settings, tmp_path):
    # A collected file of its own: the test must not depend on a collectstatic run before it.
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "probe.js").write_text("new EventSource('/events/');")
    settings.STATIC_ROOT = tmp_path
    handler = SyncStackHandler()  # WhiteNoise indexes the collected files when it starts
    answer = Answer("", call(handler, "/static/js/probe.js"))
    assert answer.status == 200 and b"EventSource" in answer.body
    assert [name for name, _ in recorded] == ["started", "finished"]


def test_an_error_is_answered_by_django_and_closed_once(recorded):
    answer = Answer("", call(asgi.page_application, "/no-such-page/"))
    assert answer.status == 404
    assert [name for name, _ in recorded] == ["started", "finished"]
