import secrets

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from forum import refusals
from forum.markdown import MAX_COMMENT_LENGTH
from forum.models import Report
from forum.refusals import Code

IDEMPOTENCY_KEY_LENGTH = 64


class IdempotencyKeyInput(forms.HiddenInput):
    """A hidden input holding a new random key each time the form is rendered.

    The same rendering sent twice (a double click, a retry after a timeout) carries the same
    key, so the second finds the comment the first created; a form shown again after an
    error gets a new key, as the member may now send something else. It carries no id: a
    page holds several composers.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, secrets.token_urlsafe(16), attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


class ComposerBoundField(BoundField):
    """The composer's text: described by its count, and by its message once refused.

    A refusal of the whole form (rate limit, a rule, spam) is about the text too, so it marks
    the field as well. The ids are those of comment_compose.html.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        field_id = self.id_for_label
        if self.form.is_bound and (self.errors or self.form.non_field_errors()):
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"{field_id}-error {field_id}-count"
        else:
            attrs["aria-describedby"] = f"{field_id}-count"
        return attrs


class CommentForm(forms.Form):
    """The composer: Markdown with a live preview, and a honeypot for scripted spam."""

    body = forms.CharField(
        label=_("Your comment"),
        strip=True,
        bound_field_class=ComposerBoundField,
        # No maxlength: the browser would cut a pasted text short without a word. The
        # counter under the field (discussion.js) warns, site.js keeps a text over the limit
        # from being sent, and clean_body refuses. The blank placeholder lets CSS tell an
        # empty field from one in use (:placeholder-shown).
        widget=MarkdownxWidget(
            attrs={"rows": 3, "placeholder": " ", "data-count-max": MAX_COMMENT_LENGTH}
        ),
        error_messages={
            "required": refusals.WORDS[Code.EMPTY_COMMENT],
        },
    )
    # Hidden from people by CSS; bots that fill every field give themselves away.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    idempotency_key = forms.CharField(required=False, widget=IdempotencyKeyInput)

    def __init__(self, *args, field_id="id_body", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["id"] = field_id
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_body(self):
        body = self.cleaned_data["body"]
        # Refused, the whole text goes back in the form: it is the member's, whatever its
        # length (the request's size cap, forum/platform/form_posts.py, bounds the page).
        if len(body) > MAX_COMMENT_LENGTH:
            raise forms.ValidationError(
                refusals.words(Code.COMMENT_TOO_LONG, length=len(body), limit=MAX_COMMENT_LENGTH)
            )
        return body

    def clean_idempotency_key(self):
        # Forms rendered before the key existed send none; a malformed one is ignored too.
        key = self.cleaned_data["idempotency_key"]
        return key if key and len(key) <= IDEMPOTENCY_KEY_LENGTH else None

    @property
    def is_spam(self):
        return bool(self.data.get("homepage"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What’s wrong with this comment?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": refusals.WORDS[Code.REPORT_WITHOUT_REASON]},
    )
    note = forms.CharField(
        label=_("Anything moderators should know? (required for “Other”)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Report.Reason.OTHER and not data.get("note", "").strip():
            self.add_error("note", refusals.WORDS[Code.REPORT_OTHER_WITHOUT_NOTE])
        return data
