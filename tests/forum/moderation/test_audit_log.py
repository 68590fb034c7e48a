"""The moderation log: filters on the desk, read-only in the admin."""

from django.urls import reverse

from forum.models import (
    Comment,
    ModerationAction,
)
from forum.moderation import services as ms
from tests.factories import ModeratorFactory, UserFactory

Status = Comment.Status


class TestAuditLog:
    def test_log_filters(self, thread, moderator, client_as, member):
        other = ModeratorFactory(username="second")
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
