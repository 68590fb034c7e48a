from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class MemberAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        (
            "Profile",
            {"fields": ["display_name", "bio", "website", "notify_replies", "notify_follows"]},
        ),
        (
            "Moderation",
            {
                "fields": [
                    "suspended_until",
                    "suspension_reason",
                    "banned_at",
                    "ban_reason",
                    "always_premoderate",
                ]
            },
        ),
    )
