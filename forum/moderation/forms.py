"""Forms of the moderation desk and of members' reports."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum.comments import reasons, words
from forum.models import ModerationAction, ScoringPolicy, WordRule

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL)


class FutureDateTimeField(forms.DateTimeField):
    widget = DateTimeLocalInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d"])
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(gettext("Choose a date and time in the future."))
        return value


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Choose a reason…")), *reasons.RejectionReason.choices],
        error_messages={"required": _("Choose a reason for rejecting this comment.")},
    )
    note = forms.CharField(
        label=_("Note to the author (optional)"),
        required=False,
        max_length=500,
        widget=forms.TextInput(),
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    comments = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": _("Select at least one comment first.")},
    )
    reason = forms.ChoiceField(
        required=False, choices=[("", _("Reason to reject…")), *reasons.RejectionReason.choices]
    )
    note = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service reports ids that don't exist.
        self.fields["comments"].choices = [
            (value, value) for value in (self.data.getlist("comments") if self.data else [])
        ]

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error(
                "reason", gettext("Choose a reason for rejecting the selected comments.")
            )
        return data


class SuspendForm(forms.Form):
    until = FutureDateTimeField(label=_("Suspended until (UTC)"))
    reason = forms.CharField(
        label=_("Reason (the member is told)"), max_length=500, widget=forms.TextInput()
    )


class BanForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the ban"), max_length=500, widget=forms.TextInput()
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note (only moderators see it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("The note is empty. Write something, then save it.")},
    )


class ClosingTimeForm(forms.Form):
    closes_at = FutureDateTimeField(
        label=_("Close automatically at (UTC)"),
        required=False,
        help_text=_("Leave empty for no closing time."),
    )


class TrustForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Trust level"),
        choices=[
            ("", _("Computed from their history")),
            ("new", _("New: first comments and links held")),
            ("member", _("Member")),
            ("trusted", _("Trusted: reports count double")),
        ],
        required=False,
    )


class ScoringPolicyForm(forms.Form):
    action = forms.ChoiceField(
        label=_("When a comment’s score reaches the threshold"),
        choices=ScoringPolicy.Action.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what a high score does.")},
    )
    threshold = forms.DecimalField(
        label=_("Threshold"),
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        decimal_places=2,
        help_text=_("From 0.01 to 1.00. Lower holds more comments, civil ones too."),
        error_messages={
            "required": _("Enter a threshold, such as 0.80."),
            "invalid": _("Enter the threshold as a number, such as 0.80."),
            "min_value": _("Enter a threshold of at least 0.01."),
            "max_value": _("Enter a threshold of at most 1.00."),
            "max_decimal_places": _("Use at most two decimals, such as 0.85."),
        },
    )


class WordRuleForm(forms.Form):
    phrase = forms.CharField(
        label=_("Word or phrase"),
        max_length=100,
        strip=True,
        error_messages={
            "required": _("Enter a word or phrase."),
            "max_length": _("Keep the phrase to 100 characters or fewer (it has %(show_value)d)."),
        },
    )
    kind = forms.ChoiceField(label=_("List"), choices=WordRule.Kind.choices, initial="suspect")

    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if not phrase:
            raise forms.ValidationError(gettext("Enter a word or phrase."))
        wanted = words.normalize_text(phrase)
        for existing, kind in WordRule.objects.values_list("phrase", "kind"):
            if words.normalize_text(existing) == wanted:
                raise forms.ValidationError(
                    gettext("“%(phrase)s” is already on the banned list.")
                    if kind == WordRule.Kind.BANNED
                    else gettext("“%(phrase)s” is already on the suspect list."),
                    params={"phrase": existing},
                )
        return phrase


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        required=False,
        label=_("Action"),
        choices=[("", _("Any action")), *ModerationAction.Action.choices],
    )
    moderator = forms.CharField(required=False, label=_("Moderator (username)"))
    member = forms.CharField(required=False, label=_("Member (username)"))
    thread = forms.IntegerField(required=False, label=_("Thread id"), min_value=1)

    def filter(self, queryset):
        """Return `queryset` narrowed by the valid filters."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("moderator"):
            queryset = queryset.filter(actor__username__iexact=data["moderator"].strip())
        if data.get("member"):
            queryset = queryset.filter(member__username__iexact=data["member"].strip())
        if data.get("thread"):
            queryset = queryset.filter(thread_id=data["thread"])
        return queryset


class ImportUploadForm(forms.Form):
    """An archive to import, uploaded by staff on the desk."""

    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("disqus", _("Disqus XML export")),
            ("wordpress", _("WordPress export (WXR)")),
            ("invitation", _("An export of this site (JSON lines)")),
        ],
    )
    file = forms.FileField(label=_("File"), help_text=_("The file as the old system exported it."))
    skip_spam = forms.BooleanField(
        required=False,
        label=_("Leave spam out"),
        help_text=_("Otherwise spam is imported as rejected, for moderators to see."),
    )
    dry_run = forms.BooleanField(
        required=False, label=_("Dry run"), help_text=_("Report what would happen; write nothing.")
    )
