"""Moderation: hold rules, word matching, reports, the desk's actions, members, the audit log."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from forum.management.commands.grant_moderator import moderators_group
from forum.markdown import render_markdown
from forum.models import Comment, ModerationAction, ModeratorNote, Report, Thread, WordRule
from forum.moderation import roles
from forum.moderation import rules as moderation
from forum.moderation import services as ms
from tests.factories import UserFactory

Status = Comment.Status


# Helpers shared with test_moderation_matrix.py ------------------------------------------


def make_comment(thread, author, body="A thoughtful comment.", status=Status.PUBLISHED, **extra):
    """Create a comment with the ORM, keeping the thread's published count exact."""
    comment = Comment.objects.create(
        thread=thread,
        author=author,
        body=body,
        body_html=render_markdown(body),
        status=status,
        **extra,
    )
    if status == Status.PUBLISHED:
        Thread.objects.filter(pk=thread.pk).update(
            comment_count=thread.comments.published().count()
        )
    return comment


def make_moderator(username="mod", **kwargs):
    user = UserFactory(username=username, **kwargs)
    user.groups.add(moderators_group())
    return user


def published_count(thread):
    return Thread.objects.get(pk=thread.pk).comment_count


@pytest.fixture
def thread(article):
    return article.thread


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def author(db):
    return UserFactory(username="writer")


@pytest.fixture
def pending(thread, author):
    return make_comment(
        thread, author, "Held for review.", Status.PENDING, hold_reason="new member"
    )


@pytest.fixture
def published(thread, author):
    return make_comment(thread, author, "Already visible.")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Return a context manager that runs on_commit callbacks (e-mails) when it exits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Word matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, text, found",
    [
        ("ass", "You ass.", True),
        ("ass", "ASS!", True),
        ("ass", "What a class act", False),
        ("ass", "My assistant wrote this", False),
        ("ass", "Bass guitar", False),
        ("ass", "ass", True),
        ("ass", "(ass)", True),
        ("ass", "“ass”", True),
        ("ass", "ass's fault", True),
        ("ass", "_ass_ in Markdown emphasis", True),
        ("ass", "**ass**", True),
        ("ass", "snake_case_ass", True),
        ("ass", "ass1", False),
        ("ass", "ＡＳＳ in full-width letters", True),
        ("bad word", "a bad word here", True),
        ("bad word", "a BAD   word here", True),
        ("bad word", "a bad\nword here", True),
        ("bad word", "a badword here", False),
        ("bad word", "bad words", False),
        ("  spaced  ", "some spaced text", True),
        ("f.u", "fxu", False),
        ("f.u", "well f.u then", True),
        ("c++", "I write c++ daily", True),
        ("c++", "I write c daily", False),
        ("(spam)", "this is (spam) ok", True),
        ("(spam)", "this is spam ok", False),
        ("$$$", "Make $$$ fast", True),
        ("a|b", "a", False),
        ("[x]", "x", False),
        ("école", "ÉCOLE fermée", True),
        ("école", "écoles", False),
        ("straße", "STRASSE", True),
        ("дурак", "Ты ДУРАК!", True),
        ("дурак", "дураки", False),
        ("e\u0301cole", "école", True),  # decomposed accent matches the composed one
    ],
)
def test_phrase_matching(phrase, text, found):
    assert (moderation.phrases_in(text, [phrase]) == [phrase]) is found


def test_empty_phrase_never_matches():
    assert moderation.phrases_in("anything at all", ["", "   "]) == []


def test_matching_phrases_reads_the_word_list(db):
    WordRule.objects.create(phrase="Scam", kind=WordRule.Kind.SUSPECT)
    WordRule.objects.create(phrase="ass", kind=WordRule.Kind.BANNED)
    assert moderation.matching_phrases("total SCAM, class", WordRule.Kind.SUSPECT) == ["Scam"]
    assert moderation.matching_phrases("total SCAM, class", WordRule.Kind.BANNED) == []


# Hold rules -------------------------------------------------------------------------------


@pytest.fixture
def regular(thread):
    """A member with enough published comments to post freely and include links."""
    user = UserFactory(username="regular")
    for n in range(5):
        make_comment(thread, user, f"Earlier comment {n}")
    return user


def review(author, thread, body="Plain words."):
    return moderation.review_new_comment(author=author, thread=thread, body=body)


class TestHoldRules:
    def test_regular_member_publishes(self, regular, thread):
        assert review(regular, thread) == moderation.Verdict(Status.PUBLISHED)

    def test_banned_word_refuses_with_a_clear_message(self, regular, thread):
        WordRule.objects.create(phrase="idiot", kind=WordRule.Kind.BANNED)
        verdict = review(regular, thread, "You IDIOT.")
        assert verdict.status == "refused"
        assert "“idiot”" in verdict.refusal and "edit it" in verdict.refusal

    def test_banned_word_refuses_even_moderators(self, moderator, thread):
        WordRule.objects.create(phrase="idiot", kind=WordRule.Kind.BANNED)
        assert review(moderator, thread, "idiot").status == "refused"

    def test_banned_member_is_refused(self, regular, thread):
        regular.banned_at = timezone.now()
        assert review(regular, thread).status == "refused"

    def test_suspended_member_is_refused(self, regular, thread):
        regular.suspended_until = timezone.now() + timedelta(days=1)
        verdict = review(regular, thread)
        assert verdict.status == "refused" and "suspended until" in verdict.refusal

    def test_thread_premoderation(self, regular, thread):
        thread.premoderate = True
        assert review(regular, thread) == moderation.Verdict(Status.PENDING, "thread pre-moderated")

    def test_always_premoderate(self, regular, thread):
        regular.always_premoderate = True
        verdict = review(regular, thread)
        assert verdict == moderation.Verdict(Status.PENDING, "member always pre-moderated")

    def test_first_comments_of_a_new_member_are_held(self, thread, settings):
        settings.PREMODERATE_FIRST_COMMENTS = 2
        newbie = UserFactory()
        assert review(newbie, thread).hold_reason == "new member"
        make_comment(thread, newbie, "one")
        assert review(newbie, thread).hold_reason == "new member"
        make_comment(thread, newbie, "two")
        assert review(newbie, thread).status == Status.PUBLISHED

    def test_held_comments_do_not_count_towards_trust(self, thread):
        newbie = UserFactory()
        make_comment(thread, newbie, "one", Status.PENDING)
        make_comment(thread, newbie, "two", Status.REJECTED)
        assert review(newbie, thread).hold_reason == "new member"

    def test_suspect_word(self, regular, thread):
        WordRule.objects.create(phrase="crypto giveaway", kind=WordRule.Kind.SUSPECT)
        verdict = review(regular, thread, "Join the Crypto  Giveaway now")
        assert verdict == moderation.Verdict(Status.PENDING, "suspect word: crypto giveaway")

    @pytest.mark.parametrize(
        "body",
        [
            "see https://example.org",
            "see http://x.y",
            "www.example.org",
            "[here](/x)",
            "mailto:a@b",
        ],
    )
    def test_links_from_members_with_few_published_comments(self, thread, body):
        member = UserFactory()
        for n in range(4):
            make_comment(thread, member, f"c{n}")
        assert review(member, thread, body) == moderation.Verdict(
            Status.PENDING, "link from new member"
        )

    def test_links_from_trusted_members_publish(self, regular, thread):
        assert review(regular, thread, "see https://example.org").status == Status.PUBLISHED

    @pytest.mark.parametrize("kind", ["moderator", "staff", "superuser"])
    def test_moderators_and_staff_publish_directly(self, thread, kind):
        user = (
            make_moderator("m2")
            if kind == "moderator"
            else UserFactory(is_staff=kind == "staff", is_superuser=kind == "superuser")
        )
        thread.premoderate = True
        assert review(user, thread, "https://example.org").status == Status.PUBLISHED

    def test_comment_create_stores_the_hold_reason(self, thread):
        from forum.discussion import services

        newbie = UserFactory()
        comment = services.comment_create(author=newbie, thread=thread, body="Hello")
        assert (comment.status, comment.hold_reason) == (Status.PENDING, "new member")
        assert published_count(thread) == 0


class TestRoles:
    def test_is_moderator(self, db):
        assert roles.is_moderator(make_moderator("m1"))
        assert roles.is_moderator(UserFactory(is_staff=True))
        assert not roles.is_moderator(UserFactory())
        assert not roles.is_moderator(make_moderator("m3", is_active=False))
        banned = make_moderator("m4")
        banned.banned_at = timezone.now()
        assert not roles.is_moderator(banned)

    def test_moderator_role_badge(self, db):
        assert roles.moderator_role(make_moderator("m1")) == "Moderator"
        assert roles.moderator_role(UserFactory(is_staff=True)) == "Staff"
        assert roles.moderator_role(UserFactory()) == ""
        assert roles.moderator_role(None) == ""

    def test_grant_and_revoke_moderator(self, db):
        user = UserFactory(username="alice")
        out = StringIO()
        call_command("grant_moderator", "alice", stdout=out)
        assert "alice is now a moderator" in out.getvalue()
        group = Group.objects.get(name="Moderators")
        assert group.permissions.filter(codename="view_moderationaction").exists()
        assert roles.is_moderator(type(user).objects.get(pk=user.pk))
        call_command("grant_moderator", "alice", stdout=out)
        assert "already a moderator" in out.getvalue()
        call_command("revoke_moderator", "alice", stdout=out)
        assert "no longer a moderator" in out.getvalue()
        assert not roles.is_moderator(type(user).objects.get(pk=user.pk))

    def test_commands_create_the_group_when_missing(self, db):
        UserFactory(username="bob")
        Group.objects.filter(name="Moderators").delete()
        call_command("revoke_moderator", "bob", stdout=StringIO())
        assert Group.objects.filter(name="Moderators").exists()

    @pytest.mark.parametrize("command", ["grant_moderator", "revoke_moderator"])
    def test_unknown_user_gets_a_clear_message(self, db, command):
        with pytest.raises(CommandError, match="No member has the username “ghost”"):
            call_command(command, "ghost", stdout=StringIO())


# Comment actions --------------------------------------------------------------------------


class TestApprove:
    def test_approve_publishes_and_counts(self, pending, moderator, thread, run_on_commit):
        with run_on_commit():
            ms.comment_approve(comment=pending, moderator=moderator)
        pending.refresh_from_db()
        assert pending.status == Status.PUBLISHED
        assert pending.moderated_by == moderator
        assert published_count(thread) == 1
        entry = ModerationAction.objects.get()
        assert (entry.action, entry.actor, entry.comment, entry.member, entry.thread) == (
            "comment_approve",
            moderator,
            pending,
            pending.author,
            thread,
        )
        assert entry.reason == "new member"

    def test_approving_twice_is_a_conflict_and_changes_nothing(self, pending, moderator, thread):
        other = make_moderator("other-mod")
        ms.comment_approve(comment=pending, moderator=other)
        with pytest.raises(ms.ModerationConflict, match="already approved by other-mod"):
            ms.comment_approve(comment=pending, moderator=moderator)
        assert published_count(thread) == 1
        assert ModerationAction.objects.count() == 1

    def test_approving_a_rejected_comment_says_who_rejected_it(self, pending, moderator, thread):
        other = make_moderator("quick")
        ms.comment_reject(comment=pending, moderator=other, reason="spam")
        with pytest.raises(ms.ModerationConflict) as error:
            ms.comment_approve(comment=pending, moderator=moderator)
        assert "already rejected by quick at" in str(error.value)
        assert "nothing was changed" in str(error.value)
        pending.refresh_from_db()
        assert pending.status == Status.REJECTED
        assert published_count(thread) == 0

    def test_stale_object_is_rechecked_against_the_database(self, pending, moderator):
        stale = Comment.objects.get(pk=pending.pk)
        ms.comment_reject(comment=pending, moderator=moderator, reason="spam")
        with pytest.raises(ms.ModerationConflict):
            ms.comment_approve(comment=stale, moderator=moderator)

    def test_non_moderator_cannot_approve(self, pending, author):
        with pytest.raises(PermissionDenied):
            ms.comment_approve(comment=pending, moderator=author)
        pending.refresh_from_db()
        assert pending.status == Status.PENDING

    def test_approving_notifies_like_a_new_comment(self, thread, moderator, run_on_commit):
        parent_author = UserFactory(username="parentauthor")
        parent = make_comment(thread, parent_author, "Parent")
        reply = make_comment(
            thread, UserFactory(), "Reply", Status.PENDING, parent=parent, root=parent, depth=1
        )
        with run_on_commit():
            ms.comment_approve(comment=reply, moderator=moderator)
        from forum.models import Notification

        assert Notification.objects.filter(recipient=parent_author, comment=reply).exists()


class TestReject:
    def test_reject_hides_counts_logs_and_emails(
        self, published, moderator, thread, mailoutbox, run_on_commit, settings
    ):
        settings.SITE_URL = "https://news.example"
        assert published_count(thread) == 1
        with run_on_commit():
            ms.comment_reject(
                comment=published, moderator=moderator, reason="harassment", note="Be kind."
            )
        published.refresh_from_db()
        assert published.status == Status.REJECTED
        assert (published.rejection_reason, published.rejection_note) == ("harassment", "Be kind.")
        assert published_count(thread) == 0
        entry = ModerationAction.objects.get()
        assert (entry.action, entry.reason, entry.note) == (
            "comment_reject",
            "Harassment or hate",
            "Be kind.",
        )
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["writer@example.org"]
        assert "was removed" in mail.subject
        guidelines = "https://news.example" + reverse("articles:guidelines")
        assert "Reason: Harassment or hate" in mail.body
        assert "Be kind." in mail.body
        assert guidelines in mail.body
        html, mimetype = mail.alternatives[0]
        assert mimetype == "text/html"
        assert "Harassment or hate" in html and guidelines in html and "Be kind." in html

    def test_rejecting_pending_does_not_change_the_count(self, pending, moderator, thread):
        ms.comment_reject(comment=pending, moderator=moderator, reason="spam")
        assert published_count(thread) == 0

    def test_reject_twice_is_a_conflict_and_sends_one_email(
        self, published, moderator, mailoutbox, run_on_commit, thread
    ):
        with run_on_commit():
            ms.comment_reject(comment=published, moderator=moderator, reason="spam")
        with run_on_commit(), pytest.raises(ms.ModerationConflict, match="already rejected by mod"):
            ms.comment_reject(comment=published, moderator=moderator, reason="off_topic")
        published.refresh_from_db()
        assert published.rejection_reason == "spam"
        assert len(mailoutbox) == 1
        assert published_count(thread) == 0
        assert ModerationAction.objects.count() == 1

    def test_reject_needs_a_known_reason(self, published, moderator):
        with pytest.raises(ms.ModerationError, match="Choose a reason"):
            ms.comment_reject(comment=published, moderator=moderator, reason="because")
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED

    def test_rejecting_unfeatures_and_settles_reports(self, published, moderator):
        ms.comment_feature(comment=published, moderator=moderator)
        Report.objects.create(comment=published, reporter=UserFactory(), reason="spam")
        ms.comment_reject(comment=published, moderator=moderator, reason="spam")
        published.refresh_from_db()
        assert not published.is_featured
        assert not Report.objects.filter(resolved_at__isnull=True).exists()

    def test_removed_by_author_cannot_be_rejected(self, published, moderator):
        Comment.objects.filter(pk=published.pk).update(status=Status.REMOVED)
        with pytest.raises(ms.ModerationConflict, match="removed by its author"):
            ms.comment_reject(comment=published, moderator=moderator, reason="spam")

    def test_restored_before_the_email_goes_out_sends_nothing(
        self, published, moderator, mailoutbox
    ):
        from forum.moderation.tasks import send_rejection_email

        ms.comment_reject(comment=published, moderator=moderator, reason="spam")
        ms.comment_restore(comment=published, moderator=moderator)
        send_rejection_email.call(published.pk)
        assert mailoutbox == []


class TestRestoreAndFeature:
    def test_restore(self, published, moderator, thread):
        ms.comment_reject(comment=published, moderator=moderator, reason="spam")
        ms.comment_restore(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.rejection_reason == ""
        assert published_count(thread) == 1
        with pytest.raises(ms.ModerationConflict, match="already restored or approved by mod"):
            ms.comment_restore(comment=published, moderator=moderator)
        assert published_count(thread) == 1

    def test_feature_and_unfeature(self, published, moderator):
        ms.comment_feature(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.is_featured and published.featured_at
        with pytest.raises(ms.ModerationConflict, match="already featured"):
            ms.comment_feature(comment=published, moderator=moderator)
        ms.comment_unfeature(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert not published.is_featured
        with pytest.raises(ms.ModerationConflict):
            ms.comment_unfeature(comment=published, moderator=moderator)
        assert list(ModerationAction.objects.values_list("action", flat=True)) == [
            "comment_unfeature",
            "comment_feature",
        ]

    def test_only_published_comments_can_be_featured(self, pending, moderator):
        with pytest.raises(ms.ModerationConflict, match="Only published"):
            ms.comment_feature(comment=pending, moderator=moderator)


class TestBulk:
    def test_bulk_approve_reports_conflicts(self, thread, moderator):
        a = make_comment(thread, UserFactory(), "a", Status.PENDING)
        b = make_comment(thread, UserFactory(), "b", Status.PENDING)
        c = make_comment(thread, UserFactory(), "c", Status.REJECTED)
        done, conflicts = ms.comments_bulk(
            action="approve", comment_ids=[a.pk, b.pk, c.pk, 999999], moderator=moderator
        )
        assert {x.pk for x in done} == {a.pk, b.pk}
        assert [pk for pk, _ in conflicts] == [c.pk, 999999]
        assert published_count(thread) == 2

    def test_bulk_reject_needs_a_reason(self, pending, moderator):
        with pytest.raises(ms.ModerationError):
            ms.comments_bulk(action="reject", comment_ids=[pending.pk], moderator=moderator)
        pending.refresh_from_db()
        assert pending.status == Status.PENDING


# Reports ----------------------------------------------------------------------------------


class TestReports:
    def test_threshold_hides_the_comment(self, published, thread, settings):
        settings.REPORTS_TO_HIDE = 3
        reporters = [UserFactory() for _ in range(3)]
        for reporter in reporters[:2]:
            ms.report_create(comment=published, reporter=reporter, reason="spam")
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 2
        assert published_count(thread) == 1
        ms.report_create(comment=published, reporter=reporters[2], reason="off_topic")
        published.refresh_from_db()
        assert published.status == Status.PENDING
        assert published.hold_reason == "reported 3 times"
        assert published_count(thread) == 0
        assert ModerationAction.objects.get().action == "comment_hide_reported"
        from django.contrib.auth.models import AnonymousUser

        assert not Comment.objects.visible_to(AnonymousUser()).filter(pk=published.pk).exists()
        assert Comment.objects.visible_to(published.author).filter(pk=published.pk).exists()

    def test_threshold_is_a_setting(self, published, settings):
        settings.REPORTS_TO_HIDE = 1
        ms.report_create(comment=published, reporter=UserFactory(), reason="spam")
        published.refresh_from_db()
        assert (published.status, published.hold_reason) == (Status.PENDING, "reported 1 time")

    def test_once_per_member(self, published, member):
        ms.report_create(comment=published, reporter=member, reason="spam")
        with pytest.raises(ms.AlreadyReported):
            ms.report_create(comment=published, reporter=member, reason="off_topic")
        assert Report.objects.count() == 1
        published.refresh_from_db()
        assert published.open_report_count == 1

    def test_own_comment_cannot_be_reported(self, published, author):
        with pytest.raises(PermissionDenied):
            ms.report_create(comment=published, reporter=author, reason="spam")
        assert not Report.objects.exists()

    @pytest.mark.parametrize("state", ["suspended", "banned", "unverified"])
    def test_members_who_cannot_participate_cannot_report(self, published, state):
        user = UserFactory(verified=state != "unverified")
        if state == "suspended":
            user.suspended_until = timezone.now() + timedelta(days=1)
        if state == "banned":
            user.banned_at = timezone.now()
        user.save()
        with pytest.raises(PermissionDenied):
            ms.report_create(comment=published, reporter=user, reason="spam")
        assert not Report.objects.exists()

    def test_other_needs_a_note(self, published, member):
        with pytest.raises(ms.ModerationError, match="Other"):
            ms.report_create(comment=published, reporter=member, reason="other")
        ms.report_create(comment=published, reporter=member, reason="other", note="Doxxing")
        assert Report.objects.get().note == "Doxxing"

    def test_dismiss_publishes_a_comment_hidden_by_reports(self, published, moderator, thread):
        for _ in range(3):
            ms.report_create(comment=published, reporter=UserFactory(), reason="spam")
        assert published_count(thread) == 0
        ms.reports_dismiss(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 0
        assert published_count(thread) == 1
        assert not Report.objects.filter(resolved_at__isnull=True).exists()
        with pytest.raises(ms.ModerationConflict, match="already settled by mod"):
            ms.reports_dismiss(comment=published, moderator=moderator)
        assert published_count(thread) == 1

    def test_approving_a_reported_comment_settles_its_reports(self, published, moderator, thread):
        for _ in range(3):
            ms.report_create(comment=published, reporter=UserFactory(), reason="spam")
        ms.comment_approve(comment=published, moderator=moderator)
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED and published.open_report_count == 0
        assert published_count(thread) == 1

    def test_reports_after_a_dismissal_count_afresh(self, published, moderator, member):
        ms.report_create(comment=published, reporter=member, reason="spam")
        ms.reports_dismiss(comment=published, moderator=moderator)
        ms.report_create(comment=published, reporter=UserFactory(), reason="spam")
        published.refresh_from_db()
        assert published.open_report_count == 1


# Threads ----------------------------------------------------------------------------------


class TestThreads:
    def test_close_and_reopen(self, thread, moderator):
        ms.thread_close(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert not thread.is_open
        with pytest.raises(ms.ModerationConflict, match="already closed"):
            ms.thread_close(thread=thread, moderator=moderator)
        ms.thread_reopen(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert thread.is_open
        with pytest.raises(ms.ModerationConflict, match="already open"):
            ms.thread_reopen(thread=thread, moderator=moderator)
        assert ModerationAction.objects.count() == 2

    def test_closing_time(self, thread, moderator):
        when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
        ms.thread_set_closing_time(thread=thread, moderator=moderator, closes_at=when)
        thread.refresh_from_db()
        assert thread.closes_at == when and thread.is_open
        with pytest.raises(ms.ModerationError, match="future"):
            ms.thread_set_closing_time(
                thread=thread, moderator=moderator, closes_at=timezone.now() - timedelta(hours=1)
            )
        ms.thread_set_closing_time(thread=thread, moderator=moderator, closes_at=None)
        thread.refresh_from_db()
        assert thread.closes_at is None

    def test_reopen_clears_a_past_closing_time(self, thread, moderator):
        Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - timedelta(hours=1))
        ms.thread_reopen(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert thread.is_open and thread.closes_at is None

    def test_premoderation(self, thread, moderator):
        ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=True)
        thread.refresh_from_db()
        assert thread.premoderate
        with pytest.raises(ms.ModerationConflict):
            ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=True)
        ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=False)
        thread.refresh_from_db()
        assert not thread.premoderate


# Members ----------------------------------------------------------------------------------


class TestMembers:
    def test_suspend_and_expiry(self, member, moderator, thread):
        until = timezone.now() + timedelta(days=3)
        ms.member_suspend(member=member, moderator=moderator, until=until, reason="Cool off")
        member.refresh_from_db()
        assert member.is_suspended and not member.can_participate
        assert member.suspension_reason == "Cool off"
        # Time passes: the suspension ends by itself.
        type(member).objects.filter(pk=member.pk).update(
            suspended_until=timezone.now() - timedelta(seconds=1)
        )
        member = type(member).objects.get(pk=member.pk)
        assert not member.is_suspended and member.can_participate
        assert review(member, thread).status != "refused"

    def test_suspend_needs_a_future_date_and_reason(self, member, moderator):
        with pytest.raises(ms.ModerationError, match="future"):
            ms.member_suspend(member=member, moderator=moderator, until=timezone.now(), reason="x")
        with pytest.raises(ms.ModerationError, match="reason"):
            ms.member_suspend(
                member=member,
                moderator=moderator,
                until=timezone.now() + timedelta(days=1),
                reason=" ",
            )
        member.refresh_from_db()
        assert member.suspended_until is None

    def test_lift_suspension(self, member, moderator):
        ms.member_suspend(
            member=member, moderator=moderator, until=timezone.now() + timedelta(days=1), reason="x"
        )
        ms.member_lift_suspension(member=member, moderator=moderator)
        member.refresh_from_db()
        assert not member.is_suspended
        with pytest.raises(ms.ModerationConflict):
            ms.member_lift_suspension(member=member, moderator=moderator)

    def test_ban_rejects_pending_comments_and_keeps_published(self, member, moderator, thread):
        held = make_comment(thread, member, "held", Status.PENDING)
        visible = make_comment(thread, member, "visible")
        ms.member_ban(member=member, moderator=moderator, reason="Spammer")
        member.refresh_from_db()
        held.refresh_from_db()
        visible.refresh_from_db()
        assert member.is_banned and not member.can_participate
        assert held.status == Status.REJECTED and held.rejection_reason == "member_banned"
        assert visible.status == Status.PUBLISHED
        entry = ModerationAction.objects.get()
        assert entry.action == "member_ban" and "1 held comment rejected" in entry.note
        with pytest.raises(ms.ModerationConflict, match="already banned"):
            ms.member_ban(member=member, moderator=moderator, reason="again")

    def test_ban_ends_every_session(self, client, member, moderator, published):
        client.force_login(member)
        url = reverse("forum:comment_report", args=[published.pk])
        assert client.get(url).status_code == 200
        ms.member_ban(member=member, moderator=moderator, reason="Abuse")
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not response.wsgi_request.user.is_authenticated

    def test_lift_ban(self, member, moderator):
        ms.member_ban(member=member, moderator=moderator, reason="x")
        ms.member_lift_ban(member=member, moderator=moderator)
        member.refresh_from_db()
        assert not member.is_banned and member.can_participate

    def test_moderators_and_self_cannot_be_banned(self, moderator):
        with pytest.raises(ms.ModerationError, match="own account"):
            ms.member_ban(member=moderator, moderator=moderator, reason="x")
        with pytest.raises(ms.ModerationError, match="revoke their role"):
            ms.member_ban(member=make_moderator("peer"), moderator=moderator, reason="x")
        assert not ModerationAction.objects.exists()

    def test_premoderation(self, member, moderator, thread, regular):
        ms.member_set_premoderation(member=regular, moderator=moderator)
        regular.refresh_from_db()
        assert review(regular, thread).hold_reason == "member always pre-moderated"
        with pytest.raises(ms.ModerationConflict):
            ms.member_set_premoderation(member=regular, moderator=moderator)
        ms.member_lift_premoderation(member=regular, moderator=moderator)
        regular.refresh_from_db()
        assert review(regular, thread).status == Status.PUBLISHED

    def test_notes(self, member, moderator):
        ms.note_add(member=member, moderator=moderator, text="Warned by e-mail.")
        assert ModeratorNote.objects.get().text == "Warned by e-mail."
        with pytest.raises(ms.ModerationError, match="empty"):
            ms.note_add(member=member, moderator=moderator, text="  ")
        assert ModeratorNote.objects.count() == 1


# Word lists -------------------------------------------------------------------------------


class TestWordLists:
    def test_add_and_remove(self, moderator):
        rule = ms.word_rule_add(phrase="  crypto   giveaway ", kind="suspect", moderator=moderator)
        assert rule.phrase == "crypto giveaway"
        with pytest.raises(ms.ModerationError, match="already on the suspect list"):
            ms.word_rule_add(phrase="CRYPTO GIVEAWAY", kind="banned", moderator=moderator)
        ms.word_rule_remove(rule=rule, moderator=moderator)
        assert not WordRule.objects.exists()
        with pytest.raises(ms.ModerationConflict):
            ms.word_rule_remove(rule=rule.pk, moderator=moderator)
        assert list(ModerationAction.objects.values_list("action", flat=True)) == [
            "word_remove",
            "word_add",
        ]

    @pytest.mark.parametrize(
        "phrase, message",
        [("", "Enter a word"), ("   ", "Enter a word"), ("x" * 101, "100 characters")],
    )
    def test_page_validates(self, client_as, moderator, phrase, message):
        response = client_as(moderator).post(
            reverse("moderation:word_add"), {"phrase": phrase, "kind": "banned"}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not WordRule.objects.exists()

    def test_page_refuses_duplicates_and_keeps_the_text(self, client_as, moderator):
        WordRule.objects.create(phrase="Scam", kind="suspect")
        response = client_as(moderator).post(
            reverse("moderation:word_add"), {"phrase": "scam", "kind": "banned"}
        )
        assert response.status_code == 400
        assert "already on the suspect list" in response.content.decode()
        assert 'value="scam"' in response.content.decode()
        assert WordRule.objects.count() == 1

    def test_page_adds_and_removes(self, client_as, moderator):
        client = client_as(moderator)
        response = client.post(
            reverse("moderation:word_add"), {"phrase": "idiot", "kind": "banned"}, follow=True
        )
        assert "Added “idiot” to the banned list." in response.content.decode()
        rule = WordRule.objects.get()
        client.post(reverse("moderation:word_remove", args=[rule.pk]))
        assert not WordRule.objects.exists()


# The desk ---------------------------------------------------------------------------------


def fill_queues(thread, n):
    """Create n comments in each queue, by n different authors, with reports and parents."""
    parent = make_comment(thread, UserFactory(), "A parent comment")
    for i in range(n):
        writer = UserFactory()
        make_comment(
            thread,
            writer,
            f"pending {i}",
            Status.PENDING,
            hold_reason="new member",
            parent=parent,
            root=parent,
            depth=1,
        )
        reported = make_comment(thread, writer, f"reported {i}", open_report_count=1)
        Report.objects.create(comment=reported, reporter=UserFactory(), reason="spam", note="n")
        make_comment(
            thread,
            writer,
            f"rejected {i}",
            Status.REJECTED,
            rejection_reason="spam",
            moderated_at=timezone.now(),
        )
        make_comment(thread, writer, f"featured {i}", is_featured=True, featured_at=timezone.now())


class TestDesk:
    def test_queue_counts(self, thread, moderator, client_as):
        fill_queues(thread, 2)
        make_comment(thread, UserFactory(), "removed", Status.REMOVED)
        from forum.moderation.queues import queue_counts

        assert queue_counts() == {"pending": 2, "reported": 2, "rejected": 2, "featured": 2}
        html = client_as(moderator).get(reverse("moderation:desk")).content.decode()
        assert 'id="count-pending">2<' in html and 'id="count-reported">2<' in html

    @pytest.mark.parametrize("queue", ["pending", "reported", "rejected", "featured"])
    def test_queue_lists_its_comments(self, thread, moderator, client_as, queue):
        fill_queues(thread, 2)
        html = client_as(moderator).get(reverse("moderation:queue", args=[queue])).content.decode()
        assert f"{queue} 0" in html and f"{queue} 1" in html
        others = {"pending", "reported", "rejected", "featured"} - {queue}
        assert not any(f"{other} 0" in html for other in others)

    def test_item_shows_context_and_why(self, thread, moderator, client_as):
        fill_queues(thread, 1)
        html = client_as(moderator).get(reverse("moderation:desk")).content.decode()
        assert "Held:</strong> new member" in html
        assert "In reply to" in html and "A parent comment" in html
        assert thread.title in html
        assert "2 published" in html and "1 rejected" in html
        reported = client_as(moderator).get(reverse("moderation:queue", args=["reported"]))
        assert "Reported by 1 member" in reported.content.decode()
        assert "Spam" in reported.content.decode()

    def test_unknown_queue_is_404(self, moderator, client_as):
        assert client_as(moderator).get("/moderation/queue/nope/").status_code == 404

    def test_search(self, thread, moderator, client_as):
        make_comment(thread, UserFactory(username="zebra"), "Needle in a haystack")
        make_comment(thread, UserFactory(), "Nothing to see")
        client = client_as(moderator)
        for q in ["needle", "zebr", thread.title[:8]]:
            html = client.get(reverse("moderation:search"), {"q": q}).content.decode()
            assert "Needle in a haystack" in html
        html = client.get(reverse("moderation:search"), {"q": "needle"}).content.decode()
        assert "Nothing to see" not in html

    @pytest.mark.parametrize(
        "url_name, args",
        [
            ("moderation:desk", []),
            ("moderation:queue", ["reported"]),
            ("moderation:queue", ["rejected"]),
            ("moderation:queue", ["featured"]),
            ("moderation:search", []),
            ("moderation:log", []),
            ("moderation:words", []),
        ],
    )
    def test_pages_use_a_constant_number_of_queries(
        self, thread, moderator, client_as, django_assert_max_num_queries, url_name, args
    ):
        client = client_as(moderator)
        url = reverse(url_name, args=args) + ("?q=e" if url_name == "moderation:search" else "")

        def fill(n):
            fill_queues(thread, n)
            for i in range(n):
                ms.word_rule_add(phrase=f"word{i}-{n}", kind="suspect", moderator=moderator)
                ms.note_add(member=moderator, moderator=moderator, text=f"n{i}")

        fill(2)
        client.get(url)  # warm up (session, content types)
        with django_assert_max_num_queries(12) as small:
            assert client.get(url).status_code == 200
        fill(20)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert client.get(url).status_code == 200

    @pytest.mark.parametrize("page", ["member", "comment", "thread"])
    def test_detail_pages_use_a_constant_number_of_queries(
        self, thread, moderator, client_as, django_assert_max_num_queries, page
    ):
        writer = UserFactory(username="subject")
        first = make_comment(thread, writer, "first")

        def fill(n):
            for i in range(n):
                c = make_comment(thread, writer, f"c{i}")
                Report.objects.create(comment=first, reporter=UserFactory(), reason="spam")
                ms.comment_feature(comment=c, moderator=moderator)
                ms.note_add(member=writer, moderator=moderator, text=f"note {i}")
                from forum.models import CommentRevision

                CommentRevision.objects.create(
                    comment=first, body=f"v{i}", created_at=timezone.now()
                )
                ModerationAction.objects.create(
                    actor=moderator,
                    action="comment_feature",
                    comment=first,
                    member=writer,
                    thread=thread,
                )

        url = {
            "member": reverse("moderation:member", args=["subject"]),
            "comment": reverse("moderation:comment", args=[first.pk]),
            "thread": reverse("moderation:thread", args=[thread.pk]),
        }[page]
        client = client_as(moderator)
        fill(2)
        client.get(url)
        with django_assert_max_num_queries(16) as small:
            assert client.get(url).status_code == 200
        fill(15)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert client.get(url).status_code == 200


class TestDeskActions:
    def test_approve_without_js_redirects_back_with_a_message(self, pending, moderator, client_as):
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[pending.pk]),
            {"next": "/moderation/"},
            follow=True,
        )
        # The page starts at the result, which is shown there, not at the top of the page.
        assert response.redirect_chain[-1][0] == "/moderation/#desk-result"
        page = response.content.decode()
        assert 'class="container messages"' not in page
        result = page.split('id="desk-result"')[1].split("</div>")[0]
        assert "Approved: the comment is now published." in result
        pending.refresh_from_db()
        assert pending.status == Status.PUBLISHED

    def test_next_must_be_local(self, pending, moderator, client_as):
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[pending.pk]),
            {"next": "https://evil.example/"},
        )
        assert response["Location"] == (
            reverse("moderation:comment", args=[pending.pk]) + "#desk-result"
        )

    def test_approve_with_htmx_returns_the_item_and_counts(self, pending, moderator, client_as):
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[pending.pk]), HTTP_HX_REQUEST="true"
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert f'id="mod-item-{pending.pk}"' in html
        assert "Approved: the comment is now published." in html
        assert 'id="count-pending" hx-swap-oob="true">0<' in html
        assert "<html" not in html

    def test_conflict_with_htmx_shows_the_current_state(self, pending, moderator, client_as):
        ms.comment_reject(comment=pending, moderator=make_moderator("fast"), reason="spam")
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[pending.pk]), HTTP_HX_REQUEST="true"
        )
        html = response.content.decode()
        assert "already rejected by fast" in html
        assert "message--error" in html
        pending.refresh_from_db()
        assert pending.status == Status.REJECTED

    def test_reject_form(self, published, moderator, client_as, mailoutbox, run_on_commit):
        client = client_as(moderator)
        url = reverse("moderation:comment_reject", args=[published.pk])
        response = client.post(url, {"reason": ""}, follow=True)
        assert "Choose a reason" in response.content.decode()
        published.refresh_from_db()
        assert published.status == Status.PUBLISHED
        with run_on_commit():
            client.post(url, {"reason": "off_topic", "note": "Stay on topic"})
        published.refresh_from_db()
        assert (published.status, published.rejection_note) == (Status.REJECTED, "Stay on topic")
        assert len(mailoutbox) == 1

    @pytest.mark.parametrize(
        "name, fixture, check",
        [
            ("comment_restore", "rejected", lambda c: c.status == Status.PUBLISHED),
            ("comment_feature", "published", lambda c: c.is_featured),
            ("reports_dismiss", "reported", lambda c: c.open_report_count == 0),
        ],
    )
    def test_other_item_actions(self, thread, author, moderator, client_as, name, fixture, check):
        comment = make_comment(
            thread,
            author,
            status=Status.REJECTED if fixture == "rejected" else Status.PUBLISHED,
        )
        if fixture == "reported":
            ms.report_create(comment=comment, reporter=UserFactory(), reason="spam")
        response = client_as(moderator).post(
            reverse(f"moderation:{name}", args=[comment.pk]), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        comment.refresh_from_db()
        assert check(comment)

    def test_bulk(self, thread, moderator, client_as):
        a = make_comment(thread, UserFactory(), "a", Status.PENDING)
        b = make_comment(thread, UserFactory(), "b", Status.PENDING)
        client = client_as(moderator)
        response = client.post(
            reverse("moderation:bulk"),
            {"action": "reject", "comments": [a.pk, b.pk]},
            follow=True,
        )
        assert "Choose a reason" in response.content.decode()
        assert Comment.objects.filter(status=Status.PENDING).count() == 2
        response = client.post(
            reverse("moderation:bulk"),
            {"action": "reject", "reason": "spam", "comments": [a.pk, b.pk]},
            follow=True,
        )
        assert "Rejected 2 comments." in response.content.decode()
        response = client.post(
            reverse("moderation:bulk"), {"action": "approve", "comments": [a.pk]}, follow=True
        )
        assert "already rejected by mod" in response.content.decode()
        response = client.post(reverse("moderation:bulk"), {"action": "approve"}, follow=True)
        assert "Select at least one comment" in response.content.decode()

    def test_comment_page_shows_history(self, published, moderator, client_as):
        from forum.models import CommentRevision

        CommentRevision.objects.create(
            comment=published, body="Old words", created_at=timezone.now()
        )
        ms.report_create(comment=published, reporter=UserFactory(username="tattler"), reason="spam")
        ms.comment_reject(comment=published, moderator=moderator, reason="spam")
        html = (
            client_as(moderator)
            .get(reverse("moderation:comment", args=[published.pk]))
            .content.decode()
        )
        assert "Old words" in html and "tattler" in html and "Rejected comment" in html

    def test_member_page_forms(self, member, moderator, client_as):
        client = client_as(moderator)
        url = reverse("moderation:member_suspend", args=[member.username])
        response = client.post(url, {"until": "2000-01-01T10:00", "reason": "x"})
        assert response.status_code == 400 and "in the future" in response.content.decode()
        member.refresh_from_db()
        assert member.suspended_until is None
        until = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(url, {"until": until, "reason": "Heated"}, follow=True)
        assert "is suspended until" in response.content.decode()
        member.refresh_from_db()
        assert member.is_suspended
        response = client.post(reverse("moderation:note_add", args=[member.username]), {"text": ""})
        assert response.status_code == 400 and "The note is empty" in response.content.decode()
        client.post(reverse("moderation:member_ban", args=[member.username]), {"reason": "Spam"})
        member.refresh_from_db()
        assert member.is_banned
        html = client.get(reverse("moderation:member", args=[member.username])).content.decode()
        assert "Banned since" in html and "Suspended member" in html

    def test_thread_page_forms(self, thread, moderator, client_as):
        client = client_as(moderator)
        client.post(
            reverse("moderation:thread_premoderation", args=[thread.pk]), {"premoderate": "on"}
        )
        client.post(reverse("moderation:thread_close", args=[thread.pk]))
        when = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        client.post(
            reverse("moderation:thread_closing_time", args=[thread.pk]), {"closes_at": when}
        )
        thread.refresh_from_db()
        assert thread.premoderate and thread.state == "closed" and thread.closes_at
        response = client.post(reverse("moderation:thread_close", args=[thread.pk]), follow=True)
        assert "already closed" in response.content.decode()

    def test_log_filters(self, thread, moderator, client_as, member):
        other = make_moderator("second")
        ms.thread_close(thread=thread, moderator=moderator)
        ms.note_add(member=member, moderator=other, text="hm")
        client = client_as(moderator)
        html = client.get(reverse("moderation:log"), {"moderator": "second"}).content.decode()
        assert "Added note" in html and "Closed thread</a>" not in html
        html = client.get(reverse("moderation:log"), {"action": "thread_close"}).content.decode()
        assert "Closed thread</a>" in html and "Added note</a>" not in html
        html = client.get(reverse("moderation:log"), {"member": member.username}).content.decode()
        assert "Added note</a>" in html and "Closed thread</a>" not in html
        html = client.get(reverse("moderation:log"), {"thread": thread.pk}).content.decode()
        assert "Closed thread</a>" in html and "Added note</a>" not in html

    def test_audit_log_is_read_only_in_the_admin(self, client, moderator):
        admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
        ms.note_add(member=moderator, moderator=admin_user, text="x")
        entry = ModerationAction.objects.get()
        client.force_login(admin_user)
        change = reverse("admin:forum_moderationaction_change", args=[entry.pk])
        assert client.get(change).status_code == 200  # viewable
        response = client.post(change, {"action": "edited", "reason": "edited"})
        assert response.status_code == 403
        delete = reverse("admin:forum_moderationaction_delete", args=[entry.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert client.get(reverse("admin:forum_moderationaction_add")).status_code == 403
        entry.refresh_from_db()
        assert entry.action == "note_add"


class TestReportPage:
    def test_report_flow(self, published, member, client_as):
        client = client_as(member)
        url = reverse("forum:comment_report", args=[published.pk])
        page = client.get(url).content.decode()
        assert "Harassment or hate" in page and "Already visible." in page
        response = client.post(url, {"reason": "other", "note": ""})
        assert response.status_code == 400 and "Tell us briefly" in response.content.decode()
        assert not Report.objects.exists()
        response = client.post(url, {"reason": "spam"}, follow=True)
        assert "Reported. Thank you." in response.content.decode()
        assert Report.objects.get().reporter == member
        response = client.post(url, {"reason": "spam"}, follow=True)
        assert "already reported" in response.content.decode()
        assert Report.objects.count() == 1

    def test_third_report_hides_the_comment_from_readers(self, published, client_as, client):
        for _ in range(2):
            ms.report_create(comment=published, reporter=UserFactory(), reason="spam")
        third = UserFactory()
        response = client_as(third).post(
            reverse("forum:comment_report", args=[published.pk]), {"reason": "spam"}
        )
        assert response.status_code == 302
        published.refresh_from_db()
        assert published.status == Status.PENDING and published.hold_reason == "reported 3 times"

    def test_own_comment(self, published, author, client_as):
        response = client_as(author).get(reverse("forum:comment_report", args=[published.pk]))
        assert response.status_code == 403
        assert "your own comment" in response.content.decode()
