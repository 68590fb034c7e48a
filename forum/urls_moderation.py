"""URLs of the moderation desk (/moderation/) and of members' reports."""

app_name = "moderation"

urlpatterns = []
