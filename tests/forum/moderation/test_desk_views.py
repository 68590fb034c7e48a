"""The moderation desk: queues, search, item pages and the actions taken from them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.comments import decisions, transitions
from forum.models import (
    Comment,
    CommentRevision,
    ModerationAction,
    Report,
)
from forum.moderation import services as ms
from forum.moderation.queues import queue_counts
from tests.factories import CommentFactory, ModeratorFactory, ThreadFactory, UserFactory

Status = Comment.Status


def fill_queues(thread, n):
    """Create n comments in each queue, by n different authors, with reports and parents."""
    parent = CommentFactory(thread=thread, author=UserFactory(), body="A parent comment")
    for i in range(n):
        writer = UserFactory()
        queued = {
            "pending": {"status": Status.PENDING, "hold_reason": "new_member", "parent": parent},
            "reported": {"open_report_count": 1},
            "rejected": {
                "status": Status.REJECTED,
                "rejection_reason": "spam",
                "moderated_at": timezone.now(),
            },
            "featured": {"is_featured": True, "featured_at": timezone.now()},
        }
        made = {
            queue: CommentFactory(thread=thread, author=writer, body=f"{queue} {i}", **fields)
            for queue, fields in queued.items()
        }
        Report.objects.create(
            comment=made["reported"], reporter=UserFactory(), reason="spam", note="n"
        )


class TestDesk:
    def test_queue_counts(self, thread, moderator, client_as):
        fill_queues(thread, 2)
        CommentFactory(thread=thread, author=UserFactory(), body="removed", status=Status.REMOVED)
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
        assert "Held:</strong> New member" in html
        assert "In reply to" in html and "A parent comment" in html
        assert thread.title in html
        assert "2 published" in html and "1 rejected" in html
        reported = client_as(moderator).get(reverse("moderation:queue", args=["reported"]))
        assert "Reported by 1 member" in reported.content.decode()
        assert "Spam" in reported.content.decode()

    def test_unknown_queue_is_404(self, moderator, client_as):
        assert client_as(moderator).get("/moderation/queue/nope/").status_code == 404

    def test_search(self, thread, moderator, client_as):
        CommentFactory(
            thread=thread, author=UserFactory(username="zebra"), body="Needle in a haystack"
        )
        CommentFactory(thread=thread, author=UserFactory(), body="Nothing to see")
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
        first = CommentFactory(thread=thread, author=writer, body="first")

        def fill(n):
            for i in range(n):
                c = CommentFactory(thread=thread, author=writer, body=f"c{i}")
                Report.objects.create(comment=first, reporter=UserFactory(), reason="spam")
                decisions.comment_feature(comment=c, moderator=moderator)
                ms.note_add(member=writer, moderator=moderator, text=f"note {i}")
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
        assert 'id="count-pending" data-hx-swap-oob="true">0<' in html
        assert "<html" not in html

    def test_htmx_answer_updates_the_heading_and_title_of_its_queue(
        self, thread, moderator, client_as
    ):
        fill_queues(thread, 2)
        first = Comment.objects.filter(status=Status.PENDING).first()
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[first.pk]),
            {"next": reverse("moderation:desk")},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert 'id="desk-title-count" data-hx-swap-oob="true">1 comment<' in html
        assert "<title>Pending (1) · " in html

    def test_htmx_answer_counts_the_queue_of_one_thread(self, thread, moderator, client_as):
        fill_queues(thread, 2)
        fill_queues(ThreadFactory(), 1)
        first = Comment.objects.filter(status=Status.PENDING, thread=thread).first()
        response = client_as(moderator).post(
            reverse("moderation:comment_approve", args=[first.pk]),
            {"next": f"{reverse('moderation:desk')}?thread={thread.pk}"},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert 'id="desk-title-count" data-hx-swap-oob="true">1 comment<' in html

    @pytest.mark.parametrize(("queue", "boxes"), [("pending", True), ("rejected", False)])
    def test_htmx_answer_keeps_the_bulk_checkbox_of_its_queue(
        self, pending, moderator, client_as, queue, boxes
    ):
        response = client_as(moderator).post(
            reverse("moderation:comment_reject", args=[pending.pk]),
            {"reason": "spam", "next": reverse("moderation:queue", args=[queue])},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert (f'name="comments" value="{pending.pk}" form="bulk-form"' in html) is boxes

    def test_conflict_with_htmx_shows_the_current_state(self, pending, moderator, client_as):
        decisions.comment_reject(
            comment=pending, moderator=ModeratorFactory(username="fast"), reason="spam"
        )
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
        comment = CommentFactory(
            thread=thread,
            author=author,
            status=Status.REJECTED if fixture == "rejected" else Status.PUBLISHED,
        )
        if fixture == "reported":
            transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
        response = client_as(moderator).post(
            reverse(f"moderation:{name}", args=[comment.pk]), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        comment.refresh_from_db()
        assert check(comment)

    def test_bulk(self, thread, moderator, client_as):
        a = CommentFactory(thread=thread, author=UserFactory(), body="a", status=Status.PENDING)
        b = CommentFactory(thread=thread, author=UserFactory(), body="b", status=Status.PENDING)
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
        CommentRevision.objects.create(
            comment=published, body="Old words", created_at=timezone.now()
        )
        transitions.comment_report(
            comment=published, reporter=UserFactory(username="tattler"), reason="spam"
        )
        decisions.comment_reject(comment=published, moderator=moderator, reason="spam")
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
        # The refused form opens with the summary, its link leading to the note's field.
        assert '<li><a href="#id_text">The note is empty' in response.content.decode()
        assert "<title>Error: " in response.content.decode()
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
