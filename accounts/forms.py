from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.validators import URLValidator
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessToken, User

BIO_MAX_LENGTH = User._meta.get_field("bio").max_length
DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length


def _without_control_characters(value):
    """Return the text without control characters other than line breaks and tabs."""
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable())


class WebsiteField(forms.URLField):
    """A web address: http and https only (no javascript:, data:, ftp: ...)."""

    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://."),
    }
    default_validators = [URLValidator(schemes=["http", "https"])]


def language_choices():
    """Return the member's choices of language: the browser's, or one the site offers."""
    # Each language under its own name (forum/languages.py), so a reader finds theirs.
    return [("", _("The language of my browser")), *settings.LANGUAGES]


class ProfileSettingsForm(forms.ModelForm):
    """The member's public profile, e-mail preferences and language."""

    website = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=User._meta.get_field("website").max_length,
        assume_scheme="https",
        help_text=_("A web address starting with http:// or https://."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the site and of your e-mails"),
        choices=language_choices,
        required=False,
        help_text=_("Your choice follows you to every browser where you sign in."),
    )

    class Meta:
        model = User
        fields = ["display_name", "bio", "website", "notify_replies", "notify_follows", "language"]
        labels = {
            "display_name": _("Display name"),
            "bio": _("Short bio"),
            "notify_replies": _("E-mail me when someone replies to my comments"),
            "notify_follows": _("E-mail me when a discussion I follow gets new comments"),
        }
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not in Meta: a count's plural is chosen in the language of each request.
        self.fields["display_name"].help_text = ngettext(
            "Shown beside your comments instead of your username. Up to %(count)d character.",
            "Shown beside your comments instead of your username. Up to %(count)d characters.",
            DISPLAY_NAME_MAX_LENGTH,
        ) % {"count": DISPLAY_NAME_MAX_LENGTH}
        self.fields["bio"].help_text = ngettext(
            "Plain text, up to %(count)d character.",
            "Plain text, up to %(count)d characters.",
            BIO_MAX_LENGTH,
        ) % {"count": BIO_MAX_LENGTH}

    def clean_display_name(self):
        return " ".join(_without_control_characters(self.cleaned_data["display_name"]).split())

    def clean_bio(self):
        return _without_control_characters(self.cleaned_data["bio"]).strip()


class AccountDeleteForm(forms.Form):
    """Confirm the deletion with the password (or, without one, the username)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    remove_comments = forms.BooleanField(
        label=_("Also remove my comments"),
        required=False,
        help_text=_("They are replaced by “This comment was removed.” in their discussions."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Members who signed in through GitHub or Google have no password here.
            self.fields["password"] = forms.CharField(
                label=gettext("Type your username to confirm"),
                help_text=gettext("Your username is %(username)s.") % {"username": user.username},
            )

    def clean_password(self):
        value = self.cleaned_data["password"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(
                    gettext("That password is not right. Your account has not been deleted.")
                )
        elif value.strip() != self.user.username:
            raise forms.ValidationError(
                gettext("That is not your username. Your account has not been deleted.")
            )
        return value


# What a field left empty says, in the error summary and beside the field, instead of
# "This field is required." twice (GOV.UK: say what to do).
MISSING = {
    "login": _("Enter your username or e-mail address"),
    "password": _("Enter your password"),
    "email": _("Enter your e-mail address"),
    "username": _("Choose a username"),
    "password1": _("Choose a password"),
    "password2": _("Type the password again"),
}


def _say_what_is_missing(form):
    for name, message in MISSING.items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in form with labels that say what to type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_is_missing(self)
        self.fields["login"].label = gettext("Username or e-mail address")
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        if "remember" in self.fields:
            self.fields["remember"].label = gettext("Keep me signed in on this device")


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, costing one password hash whether or not the address is taken.

    For a taken address allauth creates nothing and sends the owner an e-mail instead, so
    it would skip the one hash a new account costs: a difference an attacker can time.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_is_missing(self)

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class AccessTokenForm(forms.Form):
    """A new personal access token for the JSON API: what it is for, and what it may do."""

    name = forms.CharField(
        label=_("What is this token for?"),
        max_length=60,
        help_text=_("For example “my newsroom’s app”. Only you see it."),
    )
    scope = forms.ChoiceField(
        label=pgettext_lazy("API token", "Access"),
        choices=AccessToken.Scope.choices,
        initial=AccessToken.Scope.READ,
        help_text=_("Read only is enough to read comments, including your own held ones."),
    )

    def clean_name(self):
        return " ".join(_without_control_characters(self.cleaned_data["name"]).split())
