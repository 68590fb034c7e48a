"""Embed tokens: what the embedded discussion on another site writes with, for one member."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EmbedTokenQuerySet(models.QuerySet):
    def active(self):
        """Return the tokens that still open the API: unexpired, unrevoked, of an active member."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), member__is_active=True
        )


class EmbedToken(models.Model):
    """A short-lived bearer token handed to the embed's frame by the sign-in popup.

    Only the SHA-256 of its secret is stored (256 random bits: a fast hash is enough).
    `host` is the site the frame was on, for the member's and moderators' record.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="embed_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = EmbedTokenQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["member", "revoked_at"], name="embed_token_member")]

    def __str__(self):
        return f"{self.member_id} on {self.host}"

    can_write = True  # the API's write endpoints; it opens nothing else (no settings, no tokens)

    @property
    def user(self):
        """Return the member, as a personal access token names it (forum/api/auth.py)."""
        return self.member
