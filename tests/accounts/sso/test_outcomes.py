"""What happens to the member when things change at the newsroom (accounts/sso/members.py)."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from accounts.models import PublisherAccount, User
from accounts.sso.members import display_name_for
from accounts.sso.tokens import member_for_token
from forum.models import Comment
from tests.accounts.sso.helpers import hs256
from tests.factories import CommentFactory, UserFactory

DELETED_URL = "/sso/deleted/"


# A name that exists already --------------------------------------------------------------


def test_a_name_shown_by_another_member_gets_the_next_free_number(sso_secret):
    UserFactory(username="janesmith", display_name="Jane Smith")
    UserFactory(username="js2", display_name="jane smith 2")
    newcomer = member_for_token(hs256(name="Jane Smith", preferred_username="janesmith"))
    assert newcomer.display_name == "Jane Smith 3"
    assert newcomer.username != "janesmith" and newcomer.username.startswith("janesmith")


def test_a_username_shown_as_a_name_counts_too(db):
    UserFactory(username="Editor", display_name="")
    assert display_name_for("editor") == "editor 2"
    assert display_name_for("Editor in chief") == "Editor in chief"
    assert display_name_for("  \x00 ") == ""


def test_a_member_linked_later_keeps_the_name_they_chose_here(sso_secret):
    member = member_for_token(hs256(name="Jane Smith"))
    User.objects.filter(pk=member.pk).update(display_name="JS")
    assert member_for_token(hs256(name="Jane Q. Smith")).display_name == "JS"


# An address that exists already, and a changed address ------------------------------------


def test_a_verified_address_links_the_member_who_confirmed_it_here(sso_secret):
    existing = UserFactory(email="jane@news.example")
    assert member_for_token(hs256()) == existing
    assert User.objects.count() == 1


def test_an_unverified_address_does_not_link_to_its_owner_here(sso_secret):
    existing = UserFactory(email="jane@news.example")
    newcomer = member_for_token(hs256(email_verified=False))
    assert newcomer != existing and not newcomer.has_verified_email


def test_a_changed_address_follows_on_the_next_sign_in(sso_secret):
    member = member_for_token(hs256())
    member_for_token(hs256(email="jane.smith@news.example"))
    member.refresh_from_db()
    assert member.email == "jane.smith@news.example"
    addresses = list(EmailAddress.objects.filter(user=member).values_list("email", "verified"))
    assert addresses == [("jane.smith@news.example", True)]


def test_a_changed_address_the_publisher_did_not_verify_needs_confirming(sso_secret):
    member = member_for_token(hs256())
    member_for_token(hs256(email="new@news.example", email_verified=False))
    address = EmailAddress.objects.get(user=member)
    assert (address.email, address.verified, address.primary) == ("new@news.example", False, True)
    assert not User.objects.get(pk=member.pk).has_verified_email


def test_an_address_another_member_confirmed_here_stays_theirs(sso_secret):
    member = member_for_token(hs256())
    other = UserFactory(email="taken@news.example")
    member_for_token(hs256(email="taken@news.example"))
    member.refresh_from_db()
    assert member.email == "jane@news.example"
    assert EmailAddress.objects.get(email="taken@news.example").user == other


def test_an_address_confirmed_here_is_never_unconfirmed_by_the_publisher(sso_secret):
    member = member_for_token(hs256())
    member_for_token(hs256(email_verified=False))
    assert EmailAddress.objects.get(user=member).verified


def test_avatar_and_badge_are_kept_with_the_link(sso_secret):
    member = member_for_token(hs256(avatar="https://news.example/a.png", badge="Subscriber"))
    link = PublisherAccount.objects.get(user=member)
    assert (link.avatar_url, link.badge) == ("https://news.example/a.png", "Subscriber")
    member_for_token(hs256(avatar="javascript:alert(1)", badge=""))
    link.refresh_from_db()
    assert (link.avatar_url, link.badge) == ("", "")


# A deleted account at the newsroom --------------------------------------------------------


def test_user_deleted_erases_the_member_and_their_comments(client, sso_secret, thread, committed):
    member = member_for_token(hs256())
    comment = CommentFactory(thread=thread, author=member)
    kept = CommentFactory(thread=thread)
    with committed():
        response = client.post(
            DELETED_URL, HTTP_AUTHORIZATION=f"Bearer {hs256(action='user.deleted')}"
        )
    assert response.status_code == 200 and response.json() == {"deleted": 1}
    assert not User.objects.filter(pk=member.pk).exists()
    assert not PublisherAccount.objects.exists()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED and comment.author is None
    kept.refresh_from_db()
    assert kept.status == Comment.Status.PUBLISHED
    # Asked again (a retry), nothing more is deleted.
    again = client.post(DELETED_URL, {"token": hs256(action="user.deleted")})
    assert again.status_code == 200 and again.json() == {"deleted": 0}


def test_user_deleted_can_leave_the_comments_as_a_deleted_member(
    client, sso_secret, settings, thread
):
    settings.SSO_DELETION_REMOVES_COMMENTS = False
    member = member_for_token(hs256())
    comment = CommentFactory(thread=thread, author=member)
    client.post(DELETED_URL, {"token": hs256(action="user.deleted")})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.author is None


def test_user_deleted_refuses_a_bad_token_or_a_sign_in_token(client, sso_secret):
    member = member_for_token(hs256())
    for token in ["", "rubbish", hs256(), hs256(action="user.deleted", secret="x" * 40)]:
        response = client.post(DELETED_URL, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 401 and response.json()["error"]
    assert User.objects.filter(pk=member.pk).exists()


def test_user_deleted_refuses_a_replayed_call(client, sso_secret):
    token = hs256(action="user.deleted", sub="someone-else")
    assert client.post(DELETED_URL, {"token": token}).status_code == 200
    response = client.post(DELETED_URL, {"token": token})
    assert response.status_code == 401 and response.json()["error"] == "replayed"


def test_a_deletion_token_never_signs_anyone_in(client, sso_secret):
    member_for_token(hs256())
    response = client.post("/sso/token/", {"token": hs256(action="user.deleted")})
    assert response.status_code == 400 and client.session.get("_auth_user_id") is None


def test_user_deleted_also_erases_a_member_linked_by_openid_connect(client, sso_secret, settings):
    settings.OIDC_ISSUER = "https://login.news.example"
    settings.OIDC_PROVIDER_ID = "newsroom"
    by_oidc = UserFactory()
    SocialAccount.objects.create(user=by_oidc, provider="newsroom", uid="reader-42")
    untouched = UserFactory()
    SocialAccount.objects.create(user=untouched, provider="newsroom", uid="reader-43")
    response = client.post(DELETED_URL, {"token": hs256(action="user.deleted")})
    assert response.json() == {"deleted": 1}
    assert not User.objects.filter(pk=by_oidc.pk).exists()
    assert User.objects.filter(pk=untouched.pk).exists()
