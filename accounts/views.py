import copy
import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts import data_export
from accounts.forms import AccessTokenForm, AccountDeleteForm, ProfileSettingsForm
from accounts.languages import member_language, remember_language
from accounts.models import AccessToken
from accounts.profile_sections import render_profile_sections
from accounts.services import account_delete
from accounts.tokens import TokenRefused, token_create, token_revoke


def profile(request, username):
    """Show a member's public profile and the sections other apps add to it."""
    member = get_object_or_404(get_user_model(), username=username, is_active=True)
    sections = render_profile_sections(member, request)
    return render(request, "accounts/profile.html", {"member": member, "sections": sections})


@login_required
def settings_view(request):
    """Let the member edit their profile, e-mail preferences and language."""
    # A copy, so that a form with errors never shows unsaved values elsewhere on the page.
    form = ProfileSettingsForm(request.POST or None, instance=copy.copy(request.user))
    if request.method == "POST":
        if form.is_valid():
            member = form.save()
            # Said in the language the next page is in, when the member chose one.
            with translation.override(member_language(member) or translation.get_language()):
                messages.success(request, gettext("Your profile has been saved."))
            response = redirect("accounts:settings")
            # This browser follows the choice too, even once signed out.
            remember_language(response, member.language)
            return response
    return _settings_page(request, form=form)


def _settings_page(request, *, form=None, token_form=None, new_secret="", status=200):
    context = {
        "form": form or ProfileSettingsForm(instance=copy.copy(request.user)),
        "social_sign_in": bool(settings.SOCIALACCOUNT_PROVIDERS),
        "token_form": token_form or AccessTokenForm(),
        "tokens": AccessToken.objects.filter(user=request.user, revoked_at__isnull=True),
        "new_secret": new_secret,
    }
    response = render(request, "accounts/settings.html", context, status=status)
    if new_secret:
        response["Cache-Control"] = "no-store"  # the secret is shown once, and kept nowhere
    return response


@login_required
@require_POST
def token_new(request):
    """Create a personal access token and show its secret, this once."""
    form = AccessTokenForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, token_form=form, status=400)
    try:
        token, secret = token_create(
            user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
        )
    except TokenRefused as error:
        form.add_error(None, str(error))
        return _settings_page(request, token_form=form, status=400)
    return _settings_page(request, new_secret=secret)


@login_required
@require_POST
def token_revoke_view(request, token_id):
    """Revoke one of the member's tokens: it stops working at once."""
    if token_revoke(user=request.user, token_id=token_id):
        messages.success(request, gettext("The token is revoked: it no longer opens the API."))
    return redirect(f"{reverse('accounts:settings')}#tokens-heading")


@login_required
@require_POST
def export(request):
    """Send the member a JSON file of everything we hold about them."""
    data = data_export.export_for(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    filename = f"{request.user.username}-data-{timezone.now():%Y-%m-%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request):
    """Explain what deleting the account does and do it once the password is confirmed."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            messages.error(
                request, gettext("Too many attempts. Please wait a minute, then try again.")
            )
            return render(request, "accounts/delete.html", {"form": form}, status=429)
        if form.is_valid():
            account_delete(user=request.user, remove_comments=form.cleaned_data["remove_comments"])
            logout(request)
            messages.success(request, gettext("Your account has been deleted."))
            return redirect("articles:home")
    return render(request, "accounts/delete.html", {"form": form})
