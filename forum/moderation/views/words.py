"""The banned and suspect word lists."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.errors import ModerationError
from forum.models import WordRule
from forum.moderation import services
from forum.moderation.forms import (
    WordRuleForm,
)
from forum.moderation.views.common import desk_context, moderator_required, simple_action


@moderator_required
def words(request):
    """List the banned and suspect phrases, with a form to add one."""
    return render(request, "forum/moderation/words.html", _words_context(request, WordRuleForm()))


def _words_context(request, form):
    rules = list(WordRule.objects.select_related("created_by"))
    return desk_context(
        request,
        form=form,
        banned=[r for r in rules if r.kind == WordRule.Kind.BANNED],
        suspect=[r for r in rules if r.kind == WordRule.Kind.SUSPECT],
    )


@require_POST
@moderator_required
def word_add(request):
    form = WordRuleForm(request.POST)
    if form.is_valid():
        try:
            rule = services.word_rule_add(
                phrase=form.cleaned_data["phrase"],
                kind=form.cleaned_data["kind"],
                moderator=request.user,
            )
        except ModerationError as error:
            form.add_error("phrase", str(error))
        else:
            added = (
                _("Added “%(phrase)s” to the banned list.")
                if rule.kind == WordRule.Kind.BANNED
                else _("Added “%(phrase)s” to the suspect list.")
            )
            messages.success(request, added % {"phrase": rule.phrase})
            return redirect("moderation:words")
    return render(request, "forum/moderation/words.html", _words_context(request, form), status=400)


@require_POST
@moderator_required
def word_remove(request, rule_id):
    rule = WordRule.objects.filter(pk=rule_id).first()
    phrase = rule.phrase if rule else ""
    return simple_action(
        request,
        lambda: services.word_rule_remove(rule=rule_id, moderator=request.user),
        _("Removed “%(phrase)s”.") % {"phrase": phrase},
        reverse("moderation:words"),
    )
