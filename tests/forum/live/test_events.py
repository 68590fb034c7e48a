"""Live events are written with the change and announced on commit, to the right audience."""

import json
import uuid

import psycopg
import pytest
from django.db import transaction

from forum.comments import decisions, transitions
from forum.discussion import services
from forum.live import listener
from forum.live.events import CHANNEL
from forum.models import Comment, LiveEvent
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

listens = pytest.mark.requires_postgres("LISTEN/NOTIFY")

WAIT = 10  # seconds a notification may take on a busy machine (a bound, not a measure)


@pytest.fixture
def listening(transactional_db):
    """A LISTEN connection on the test database; yields a function returning what has arrived.

    The function sends a marker from another connection and returns what came before it:
    PostgreSQL delivers notifications in commit order, so once the marker is in, everything
    committed before it is in too.
    """
    conninfo = listener._conninfo()
    with (
        psycopg.connect(conninfo, autocommit=True) as conn,
        psycopg.connect(conninfo, autocommit=True) as sender,
    ):
        conn.execute(f"LISTEN {CHANNEL}")

        def received():
            marker = {"marker": uuid.uuid4().hex}
            sender.execute("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps(marker)])
            payloads = []
            for notification in conn.notifies(timeout=WAIT):
                payload = json.loads(notification.payload)
                if payload == marker:
                    return payloads
                payloads.append(payload)
            pytest.fail(f"the marker notification did not come back within {WAIT} s")

        yield received


@listens
def test_a_committed_comment_is_announced_with_a_small_payload(listening, thread):
    comment = transitions.comment_create(author=UserFactory(), thread=thread, body="Hello")
    [payload] = listening()
    assert payload == {
        "id": LiveEvent.objects.get().pk,
        "thread": thread.pk,
        "comment": comment.pk,
        "kind": "published",
        "parent": None,
        "root": None,
        "score": 0,
    }


@listens
def test_a_rolled_back_write_sends_nothing(listening, thread):
    author = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        transitions.comment_create(author=author, thread=thread, body="Hello")
        raise RuntimeError("the request failed after the write")
    assert listening() == []
    assert not LiveEvent.objects.exists()


@listens
def test_nothing_is_sent_before_the_commit(listening, thread):
    with transaction.atomic():
        transitions.comment_create(author=UserFactory(), thread=thread, body="Hello")
        assert listening() == []
    assert [p["kind"] for p in listening()] == ["published"]


@pytest.mark.django_db
def test_a_held_comment_sends_nothing_to_readers(thread, settings, committed):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    with committed():
        comment = transitions.comment_create(
            author=UserFactory(), thread=thread, body="First words"
        )
    assert comment.status == Comment.Status.PENDING
    assert not LiveEvent.objects.filter(LiveEvent.thread_q(thread.pk)).exists()
    assert list(LiveEvent.objects.values_list("kind", flat=True)) == ["held"]


@pytest.mark.django_db
def test_approving_tells_readers_and_the_desk(thread, committed):
    held = CommentFactory(thread=thread, status=Comment.Status.PENDING)
    moderator = ModeratorFactory()
    with committed():
        decisions.comment_approve(comment=held, moderator=moderator)
    events = list(LiveEvent.objects.order_by("pk"))
    assert [e.kind for e in events] == ["published", "decided"]
    assert events[1].data == {"status": "published", "by": moderator.public_name}


@pytest.mark.django_db
def test_rejecting_a_published_comment_takes_it_off_the_page(thread, committed):
    comment = CommentFactory(thread=thread)
    with committed():
        decisions.comment_reject(comment=comment, moderator=ModeratorFactory(), reason="spam")
    kinds = list(LiveEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["removed", "decided"]


@pytest.mark.django_db
def test_votes_send_the_new_score(thread, committed):
    comment = CommentFactory(thread=thread)
    with committed():
        services.vote_toggle(comment=comment, voter=UserFactory())
    event = LiveEvent.objects.get()
    assert (event.kind, event.data) == ("voted", {"score": 1})


@pytest.mark.django_db
def test_reports_go_to_the_desk_only_until_they_hide_the_comment(thread, settings, committed):
    settings.REPORTS_TO_HIDE = 2
    comment = CommentFactory(thread=thread)
    with committed():
        transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
    assert list(LiveEvent.objects.values_list("kind", flat=True)) == ["reported"]
    with committed():
        transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
    kinds = list(LiveEvent.objects.order_by("pk").values_list("kind", flat=True))
    # Hidden: taken off the readers' page, held on the desk.
    assert kinds == ["reported", "removed", "held", "reported"]
