"""allauth's social sign-in for this site: names, the newsroom's issuer, its e-mail address."""

from allauth.account.utils import user_username
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render

from accounts.sso.members import display_name_for, email_follow, username_for
from accounts.sso.tokens import WORDS


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        """Name a new member by the rules of accounts/sso/members.py (unique, never mistaken)."""
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(
            filter(None, [data.get("first_name"), data.get("last_name")])
        )
        user_username(
            user, username_for(data.get("username"), name, (data.get("email") or "").split("@")[0])
        )
        user.display_name = display_name_for(name)
        return user

    def pre_social_login(self, request, sociallogin):
        """Check the newsroom's issuer; bring the member's address up to date with theirs."""
        super().pre_social_login(request, sociallogin)
        if sociallogin.account.provider != settings.OIDC_PROVIDER_ID:
            return
        id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
        if str(id_token.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            context = {"message": WORDS["issuer"]}
            raise ImmediateHttpResponse(
                render(request, "accounts/sso_refused.html", context, status=403)
            )
        if sociallogin.is_existing and sociallogin.email_addresses:
            address = sociallogin.email_addresses[0]
            email_follow(user=sociallogin.user, email=address.email, verified=address.verified)
