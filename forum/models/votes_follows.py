"""Members' up-votes on comments and the threads they follow."""

from django.conf import settings
from django.db import models


class Vote(models.Model):
    """One member's up-vote on one comment."""

    comment = models.ForeignKey("forum.Comment", on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "voter"], name="one_vote_per_member_per_comment"
            )
        ]


class Follow(models.Model):
    """A member following a thread (new-comment e-mails if they opted in)."""

    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "member"], name="one_follow_per_member_per_thread"
            )
        ]
