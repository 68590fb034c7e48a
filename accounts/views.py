from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render


def profile(request, username):
    """Show a member's public profile."""
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    return render(request, "accounts/profile.html", {"member": member})
