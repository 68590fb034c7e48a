"""The page where moderators choose what an automatic toxicity score does."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from forum.errors import ModerationError
from forum.models import Comment, ScoringPolicy
from forum.moderation import services
from forum.moderation.forms import ScoringPolicyForm
from forum.moderation.views.common import desk_context, moderator_required


@moderator_required
def scoring(request):
    """Show the scoring policy with a form to change it; a valid POST changes it."""
    policy = ScoringPolicy.current()
    initial = {"action": policy.action, "threshold": f"{policy.threshold:.2f}"}
    if request.method != "POST":
        return _page(request, ScoringPolicyForm(initial=initial), policy)
    form = ScoringPolicyForm(request.POST)
    if form.is_valid():
        try:
            policy = services.scoring_policy_set(
                action=form.cleaned_data["action"],
                threshold=float(form.cleaned_data["threshold"]),
                moderator=request.user,
            )
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Saved: at %(threshold)s or above, %(action)s.")
                % {
                    "threshold": number_format(policy.threshold, 2),
                    "action": policy.get_action_display().lower(),
                },
            )
            return redirect("moderation:scoring")
    return _page(request, form, policy, status=400)


def _page(request, form, policy, status=200):
    held = Comment.objects.filter(
        status=Comment.Status.PENDING, hold_reason=Comment.HoldReason.LIKELY_ABUSIVE
    ).count()
    context = desk_context(request, form=form, policy=policy, held_by_score=held)
    return render(request, "forum/moderation/scoring.html", context, status=status)
