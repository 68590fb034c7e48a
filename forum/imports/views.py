"""A member's page to claim the comments they wrote on the old comment system."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.comments.archives import comments_claim
from forum.errors import NotAllowed
from forum.imports.claiming import claimable
from forum.platform import ratelimit

CLAIMS_PER_HOUR = 10


@login_required
def claim(request):
    """Show the imported comments under the member's verified addresses; claim them on POST."""
    guests = claimable(request.user)
    if request.method == "POST":
        chosen = set(request.POST.getlist("guest"))
        picked = [g for g in guests if str(g.pk) in chosen]
        if not picked:
            messages.error(request, _("Choose the names whose comments are yours."))
        elif not ratelimit.hit(
            "claim", request.user.pk, limit=CLAIMS_PER_HOUR, window_seconds=3600
        ):
            messages.error(request, _("Too many claims this hour; try again later."))
        else:
            try:
                claimed = comments_claim(member=request.user, guests=picked)
            except NotAllowed as error:
                messages.error(request, str(error))
            else:
                text = ngettext(
                    "%(count)d comment is now shown under your name.",
                    "%(count)d comments are now shown under your name.",
                    len(claimed),
                )
                messages.success(request, text % {"count": len(claimed)})
                return redirect("imports:claim")
    return render(request, "forum/claim_comments.html", {"guests": guests})
