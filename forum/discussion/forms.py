from django import forms
from markdownx.widgets import MarkdownxWidget

from forum import refusals
from forum.markdown import MAX_COMMENT_LENGTH
from forum.models import Report


class CommentForm(forms.Form):
    """The composer: Markdown with a live preview, and a honeypot for scripted spam."""

    body = forms.CharField(
        label="Your comment",
        strip=True,
        # No maxlength: the browser would cut a pasted text short without a word. The
        # counter under the field (discussion.js) warns instead, and clean_body refuses. The
        # blank placeholder lets CSS tell an empty field from one in use (:placeholder-shown).
        widget=MarkdownxWidget(attrs={"rows": 3, "placeholder": " "}),
        error_messages={
            "required": refusals.EMPTY_COMMENT,
        },
    )
    # Hidden from people by CSS; bots that fill every field give themselves away.
    homepage = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, field_id="id_body", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs.update(
            {"id": field_id, "aria-describedby": f"{field_id}-count"}
        )
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > MAX_COMMENT_LENGTH:
            raise forms.ValidationError(refusals.comment_too_long(len(body)))
        return body

    @property
    def is_spam(self):
        return bool(self.data.get("homepage"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What’s wrong with this comment?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": refusals.REPORT_WITHOUT_REASON},
    )
    note = forms.CharField(
        label="Anything moderators should know? (required for “Other”)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Report.Reason.OTHER and not data.get("note", "").strip():
            self.add_error("note", refusals.REPORT_OTHER_WITHOUT_NOTE)
        return data
