from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import account_delete

STANDING_FIELDS = [
    "suspended_until",
    "suspension_reason",
    "banned_at",
    "ban_reason",
    "always_premoderate",
]


@admin.register(User)
class MemberAdmin(UserAdmin):
    """Members in the admin; their standing and the moderator role change only through services.

    The moderation desk and the grant/revoke commands log every change in the audit log,
    and account deletion corrects vote scores and comment counts: the admin does neither
    by itself, so it shows those fields read-only and deletes through `account_delete`.
    """

    fieldsets = UserAdmin.fieldsets + (
        (
            _("Profile"),
            {
                "fields": [
                    "display_name",
                    "bio",
                    "website",
                    "notify_replies",
                    "notify_follows",
                    "language",
                ]
            },
        ),
        (
            _("Moderation"),
            {
                "fields": STANDING_FIELDS,
                "description": _(
                    "Suspend, ban or pre-moderate a member at the moderation desk "
                    "(/moderation/members/&lt;username&gt;/), which keeps the audit log. "
                    "Moderator rights: manage.py grant_moderator or revoke_moderator."
                ),
            },
        ),
    )
    readonly_fields = ["groups", *STANDING_FIELDS]

    def delete_model(self, request, obj):
        account_delete(user=obj, remove_comments=False)

    def delete_queryset(self, request, queryset):
        for member in queryset:
            account_delete(user=member, remove_comments=False)
