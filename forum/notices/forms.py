"""The forms of notices, decisions and appeals: their fields' shape only. What a notice or a
decision needs is checked once, by the services, whose refusals the views put beside the
field they are about.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forum.models import Appeal, Decision, IllegalCategory
from forum.notices.words import CATEGORY_HELP, COUNTRIES, GUIDELINE_RULES


class CategoryRadio(forms.RadioSelect):
    option_template_name = "forum/notices/_category_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["help"] = CATEGORY_HELP.get(value, "")
        return option


class NoticeForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of illegal content is it?"),
        choices=IllegalCategory.choices,
        widget=CategoryRadio,
        required=False,
    )
    location = forms.CharField(
        label=_("Where is it? The exact address (URL)"),
        max_length=500,
        required=False,
        help_text=_("Filled in for you when you came from a comment."),
        widget=forms.URLInput,
    )
    explanation = forms.CharField(
        label=_("Why is it illegal?"),
        required=False,
        help_text=_("Explain which law it breaks and how; quote the words if it helps."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    country = forms.ChoiceField(
        label=_("The law of which country does it break?"),
        choices=[("", _("Choose a country"))] + list(COUNTRIES.items()),
        required=False,
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        help_text=_(
            "We send the acknowledgement and our decision here. Not needed for child sexual "
            "abuse material. The author of the content is never told who you are."
        ),
        widget=forms.EmailInput,
    )
    good_faith = forms.BooleanField(
        label=_(
            "I believe in good faith that the information and allegations in this notice are "
            "accurate and complete."
        ),
        required=False,
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.Action.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    suspended_until = forms.DateTimeField(
        label=_("Suspend the account until (for a suspension)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ground = forms.ChoiceField(
        label=_("Ground"),
        choices=Decision.Ground.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    rule = forms.TypedChoiceField(
        label=_("Rule of the community guidelines"),
        choices=[("", _("Choose a rule"))]
        + [(n, format_lazy("{}. {}", n, title)) for n, title in GUIDELINE_RULES.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    legal_category = forms.ChoiceField(
        label=_("Kind of illegality"),
        choices=[("", _("Choose a kind"))] + list(IllegalCategory.choices),
        required=False,
    )
    legal_ground = forms.CharField(
        label=_("The law it breaks"),
        max_length=300,
        required=False,
        help_text=_("For example “§ 130 StGB (Germany)”."),
    )
    facts = forms.CharField(
        label=_("The facts, in a sentence"),
        required=False,
        help_text=_("The author and the notifiers read this in the statement of reasons."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why do you think the decision is wrong?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Appeal.Outcome.choices, widget=forms.RadioSelect, required=False
    )
    reason = forms.CharField(
        label=_("Reasons, told to the appellant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlaggerForm(forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email_domain = forms.CharField(label=_("E-mail domain"), max_length=200, required=False)
    username = forms.CharField(label=_("Or a member’s username"), max_length=150, required=False)


class NotifierSuspensionForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=30)
    reason = forms.CharField(
        label=_("Reason, told to the notifier"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
