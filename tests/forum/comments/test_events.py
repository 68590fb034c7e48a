"""Each change to a comment sends one event on commit; its listeners refresh, record, announce.

For every transition: exactly one `comment_changed` event (a bulk change too), the thread's
page refreshed (its cache token changes), the live events its listener records, and nothing
at all when the write rolls back.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forum import errors
from forum.comments import archives, decisions, transitions
from forum.comments.events import Change, comment_changed
from forum.discussion import services
from forum.models import Comment, Follow, LiveEvent, ModerationAction, Notification
from forum.moderation import services as moderation
from forum.platform.pagecache import PATH, SCORES, _token_key, pages
from forum.refusals import Code
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Collect the events sent by comment_changed."""
    events = []

    def listen(sender, event, **kwargs):
        events.append(event)

    comment_changed.connect(listen, dispatch_uid="test-heard")
    yield events
    comment_changed.disconnect(dispatch_uid="test-heard")


@pytest.fixture
def world(thread, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.REPORTS_TO_HIDE = 1
    return {
        "thread": thread,
        "author": UserFactory(username="author"),
        "reader": UserFactory(username="reader2"),
        "moderator": ModeratorFactory(username="moderator2"),
    }


def _published(w):
    return CommentFactory(thread=w["thread"], author=w["author"])


def _held(w):
    return CommentFactory(thread=w["thread"], author=w["author"], status=Comment.Status.PENDING)


def _rejected(w):
    return CommentFactory(thread=w["thread"], author=w["author"], status=Comment.Status.REJECTED)


def _hidden_by_reports(w):
    comment = _published(w)
    transitions.comment_report(comment=comment, reporter=w["reader"], reason="spam")
    return comment


# (the change, how to make the comment, the transition, the live events it records, the
# audit-log entries it appends)
TRANSITIONS = {
    "post": (
        Change.POSTED,
        None,
        lambda w, c: transitions.comment_create(
            author=w["author"], thread=w["thread"], body="New."
        ),
        ["published"],
        [],
    ),
    "edit": (
        Change.EDITED,
        _published,
        lambda w, c: transitions.comment_edit(comment=c, editor=w["author"], body="Reworded."),
        ["edited"],
        [],
    ),
    "remove by its author": (
        Change.REMOVED_BY_AUTHOR,
        _published,
        lambda w, c: transitions.comment_remove(comment=c, member=w["author"]),
        ["removed"],
        [],
    ),
    "vote": (
        Change.VOTED,
        _published,
        lambda w, c: services.vote_toggle(comment=c, voter=w["reader"]),
        ["voted"],
        [],
    ),
    "report that hides": (
        Change.REPORTED,
        _published,
        lambda w, c: transitions.comment_report(comment=c, reporter=w["reader"], reason="spam"),
        ["removed", "held", "reported"],
        ["comment_hide_reported"],
    ),
    "approve": (
        Change.APPROVED,
        _held,
        lambda w, c: decisions.comment_approve(comment=c, moderator=w["moderator"]),
        ["published", "decided"],
        ["comment_approve"],
    ),
    "reject": (
        Change.REJECTED,
        _published,
        lambda w, c: decisions.comment_reject(comment=c, moderator=w["moderator"], reason="spam"),
        ["removed", "decided"],
        # newest first: its statement of reasons (forum/notices/), then the rejection
        ["notice_decided", "comment_reject"],
    ),
    "restore": (
        Change.RESTORED,
        _rejected,
        lambda w, c: decisions.comment_restore(comment=c, moderator=w["moderator"]),
        ["published", "decided"],
        ["comment_restore"],
    ),
    "feature": (
        Change.FEATURED,
        _published,
        lambda w, c: decisions.comment_feature(comment=c, moderator=w["moderator"]),
        [],
        ["comment_feature"],
    ),
    "unfeature": (
        Change.UNFEATURED,
        lambda w: CommentFactory(thread=w["thread"], author=w["author"], is_featured=True),
        lambda w, c: decisions.comment_unfeature(comment=c, moderator=w["moderator"]),
        [],
        ["comment_unfeature"],
    ),
    "dismiss the reports that hid it": (
        Change.REPORTS_DISMISSED,
        _hidden_by_reports,
        lambda w, c: decisions.reports_dismiss(comment=c, moderator=w["moderator"]),
        ["published", "decided"],
        ["reports_dismiss"],
    ),
    "import": (
        Change.IMPORTED,
        None,
        lambda w, c: archives.comments_import(
            thread=w["thread"],
            items=[archives.Imported("1", None, "From the archive.", timezone.now())],
        ),
        [],
        [],
    ),
    "ban (its held comments rejected)": (
        Change.REJECTED,
        _held,
        lambda w, c: moderation.member_ban(
            member=w["author"], moderator=w["moderator"], reason="Spam account."
        ),
        ["decided"],
        ["member_ban"],
    ),
    "erase with the account": (
        Change.ERASED,
        _published,
        lambda w, c: services.member_comments_handle_deletion(
            member=w["author"], remove_comments=True
        ),
        ["removed"],
        [],
    ),
}


def _token(thread):
    """Return the thread's tokens: its path's, and its scores' (a vote bumps that alone)."""
    return pages.get_many([_token_key(PATH, thread.url), _token_key(SCORES, thread.url)])


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_a_transition_sends_one_event_on_commit(world, heard, committed, name):
    change, make, transition, live_kinds, audit = TRANSITIONS[name]
    comment = make(world) if make else None
    LiveEvent.objects.all().delete()
    logged = set(ModerationAction.objects.values_list("pk", flat=True))
    token = _token(world["thread"])
    with committed():
        transition(world, comment)
        assert heard == []  # not before the commit
    (event,) = heard
    assert event.change == change
    if comment is not None:
        assert [c.pk for c in event.comments] == [comment.pk]
    assert event.thread_ids == {world["thread"].pk}
    assert _token(world["thread"]) != token  # the thread's cached pages are refreshed
    assert list(LiveEvent.objects.order_by("pk").values_list("kind", flat=True)) == live_kinds
    entries = ModerationAction.objects.exclude(pk__in=logged).values_list("action", flat=True)
    assert list(entries) == audit


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_a_rolled_back_transition_sends_nothing(world, heard, committed, name):
    _change, make, transition, _kinds, _audit = TRANSITIONS[name]
    comment = make(world) if make else None
    LiveEvent.objects.all().delete()
    token = _token(world["thread"])
    logged = ModerationAction.objects.count()
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            transition(world, comment)
            raise RuntimeError("the request failed after the write")
    assert heard == []
    assert not LiveEvent.objects.exists()
    assert ModerationAction.objects.count() == logged
    assert _token(world["thread"]) == token


def test_a_bulk_decision_is_one_event(world, heard, committed):
    held = [_held(world) for _ in range(3)]
    with committed():
        moderation.member_ban(member=world["author"], moderator=world["moderator"], reason="Spam.")
    (event,) = heard
    assert event.change == Change.REJECTED
    assert sorted(c.pk for c in event.comments) == sorted(c.pk for c in held)
    assert event.before == (Comment.Status.PENDING,) * 3
    assert User.objects.get(pk=world["author"].pk).is_banned


def test_a_published_comment_is_announced_to_followers(world, committed, mailoutbox):
    world["reader"].notify_follows = True
    world["reader"].save()
    Follow.objects.create(member=world["reader"], thread=world["thread"])
    with committed():
        transitions.comment_create(author=world["author"], thread=world["thread"], body="News.")
    assert Notification.objects.filter(recipient=world["reader"]).count() == 1


def test_an_import_is_one_event_with_replies_under_their_parents(world, heard, committed):
    at = timezone.now() - timedelta(days=400)
    items = [
        archives.Imported("r1", world["reader"], "A reply.", at, parent_key="t1"),
        archives.Imported("t1", world["author"], "The first word.", at),
        archives.Imported("r2", None, "A reply to a reply.", at, parent_key="r1"),
        archives.Imported("h1", world["author"], "Held there.", at, published=False),
        archives.Imported("o1", None, "Its parent was never exported.", at, parent_key="x"),
    ]
    with committed():
        created = archives.comments_import(thread=world["thread"], items=items)
    (event,) = heard
    assert event.change == Change.IMPORTED
    assert len(event.comments) == len(created) == 5
    by_body = {c.body: c for c in Comment.objects.filter(thread=world["thread"])}
    top, reply = by_body["The first word."], by_body["A reply."]
    assert (reply.parent_id, reply.depth) == (top.pk, 1)
    assert (by_body["A reply to a reply."].root_id, by_body["A reply to a reply."].depth) == (
        top.pk,
        2,
    )
    assert by_body["Its parent was never exported."].parent_id is None
    assert by_body["Held there."].hold_reason == Comment.HoldReason.IMPORTED
    assert by_body["A reply."].created_at == at
    world["thread"].refresh_from_db()
    assert world["thread"].comment_count == 4  # the held one is not counted
    assert not LiveEvent.objects.exists()  # an archive is not streamed to open pages
    assert not ModerationAction.objects.exists()


def test_an_import_with_one_bad_text_imports_nothing(world, heard, committed):
    at = timezone.now()
    items = [
        archives.Imported("ok", None, "Fine.", at),
        archives.Imported("bad", None, "**", at),
    ]
    with committed(), pytest.raises(errors.DiscussionError) as refused:
        archives.comments_import(thread=world["thread"], items=items)
    assert refused.value.code == Code.IMPORT_REFUSED
    assert refused.value.params["key"] == "bad"
    assert not Comment.objects.filter(thread=world["thread"]).exists()
    assert heard == []
