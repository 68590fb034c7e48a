"""What the account tests share: a second password, who is signed in, the settings values."""

from django.contrib.auth import SESSION_KEY

from accounts.models import User

NEW_PASSWORD = "another-quite-long-password-42"


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def profile_values(user):
    user = User.objects.get(pk=user.pk)
    return (user.display_name, user.bio, user.website, user.notify_replies, user.notify_follows)
