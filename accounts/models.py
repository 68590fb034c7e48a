import zlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

AVATAR_TONES = 8


class User(AbstractUser):
    """A reader of the site; members who verified their e-mail may take part in discussions."""

    display_name = models.CharField(max_length=60, blank=True)
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    website = models.URLField(max_length=200, blank=True)
    notify_replies = models.BooleanField(_("e-mail me when someone replies to me"), default=True)
    notify_follows = models.BooleanField(
        _("e-mail me when a thread I follow gets new comments"), default=False
    )

    # The interface's and the e-mails' language (a code of LANGUAGES); empty: the browser's.
    language = models.CharField(max_length=10, blank=True)

    # Moderation state; the moderation desk writes these through forum.services.
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=500, blank=True)
    banned_at = models.DateTimeField(null=True, blank=True)
    ban_reason = models.CharField(max_length=500, blank=True)
    always_premoderate = models.BooleanField(default=False)
    # A moderator's choice of this member's trust level ("new", "member", "trusted"); empty:
    # computed from their history (forum/comments/trust.py).
    trust_override = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.username

    def get_session_auth_hash(self):
        """Return the session hash; a ban changes it, which ends every session at once."""
        base = super().get_session_auth_hash()
        if self.banned_at is None:
            return base
        return salted_hmac(
            "accounts.User.ban", f"{base}{self.banned_at.isoformat()}", algorithm="sha256"
        ).hexdigest()

    @property
    def public_name(self):
        """Return the name shown beside the member's comments."""
        return self.display_name or self.username

    @property
    def initials(self):
        """Return up to two letters drawn from the public name, for the avatar."""
        words = self.public_name.split()
        letters = [word[0] for word in words[:2] if word[:1].isalnum()]
        return "".join(letters).upper() or self.username[:1].upper() or "?"

    @property
    def avatar_tone(self):
        """Return a stable colour number (0-7) for the avatar, drawn from the username."""
        return zlib.crc32(self.username.encode()) % AVATAR_TONES

    @cached_property
    def has_verified_email(self):
        """Return whether the member confirmed at least one e-mail address."""
        return self.emailaddress_set.filter(verified=True).exists()

    @property
    def is_suspended(self):
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def is_banned(self):
        return self.banned_at is not None

    @property
    def can_participate(self):
        """Return whether the member may post, reply, edit, vote, report and follow."""
        return (
            self.is_authenticated
            and self.is_active
            and not self.is_banned
            and not self.is_suspended
            and self.has_verified_email
        )


class AccessTokenQuerySet(models.QuerySet):
    def active(self):
        """Return the tokens that still open the API: not revoked, of an active member."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class AccessToken(models.Model):
    """A personal access token for the JSON API; only the SHA-256 of its secret is stored.

    The secret has 256 random bits, so a fast hash is enough: no one can guess it back.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=60, help_text="What the token is for, to recognise it")
    prefix = models.CharField(max_length=16, help_text="The secret's first characters, shown")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the secret")
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self):
        return self.scope == self.Scope.WRITE


class PublisherAccount(models.Model):
    """A member's account at the publisher, named by the token issuer and its subject (`sub`).

    Signed-token sign-ins (accounts/sso/) find the member through it; OpenID Connect sign-ins
    are linked by allauth's SocialAccount (provider, uid), one provider per issuer.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="publisher_accounts")
    issuer = models.CharField(max_length=200)
    subject = models.CharField(max_length=255)
    # Kept as the publisher sent them at the last sign-in; not shown on pages yet.
    avatar_url = models.URLField(max_length=500, blank=True)
    badge = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="publisher_account_once_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.subject} at {self.issuer}"
