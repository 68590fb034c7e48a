"""The member admin: standing and the moderator role are read-only; deletion uses the service."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from forum.comments import transitions
from forum.discussion import services
from forum.models import Comment, Thread
from forum.roles import moderators_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STANDING = ["suspended_until", "suspension_reason", "banned_at", "ban_reason", "always_premoderate"]


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def voter_with_comment(member, other_member, article):
    """Return a member who wrote a comment and up-voted another member's comment."""
    theirs = transitions.comment_create(author=other_member, thread=article.thread, body="Theirs")
    transitions.comment_create(author=member, thread=article.thread, body="Mine")
    services.vote_toggle(comment=theirs, voter=member)
    theirs.refresh_from_db()
    assert theirs.score == 1
    return member, theirs


def test_standing_and_groups_cannot_be_edited(superuser, member):
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = site._registry[User]
    form = model_admin.get_form(request, member)
    for name in [*STANDING, "groups"]:
        assert name not in form.base_fields
    assert set(STANDING) | {"groups"} <= set(model_admin.get_readonly_fields(request, member))


def test_change_page_points_to_the_desk(client, superuser, member):
    client.force_login(superuser)
    member.groups.add(moderators_group())
    html = client.get(reverse("admin:accounts_user_change", args=[member.pk])).content.decode()
    assert "moderation desk" in html and "grant_moderator" in html
    assert 'name="banned_at' not in html and 'name="groups"' not in html


def test_deleting_in_the_admin_keeps_scores_and_counts_exact(
    client, superuser, voter_with_comment, article
):
    member, theirs = voter_with_comment
    client.force_login(superuser)
    url = reverse("admin:accounts_user_delete", args=[member.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    theirs.refresh_from_db()
    assert theirs.score == 0
    thread = Thread.objects.get(pk=article.thread.pk)
    assert thread.comment_count == Comment.objects.published().filter(thread=thread).count() == 2


def test_bulk_delete_in_the_admin_keeps_scores_exact(client, superuser, voter_with_comment):
    member, theirs = voter_with_comment
    bystander = UserFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [member.pk, bystander.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[member.pk, bystander.pk]).exists()
    theirs.refresh_from_db()
    assert theirs.score == 0
