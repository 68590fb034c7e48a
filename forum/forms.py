from django import forms
from markdownx.widgets import MarkdownxWidget

from forum.markdown import MAX_COMMENT_LENGTH


class CommentForm(forms.Form):
    """The composer: Markdown with a live preview, and a honeypot for scripted spam."""

    body = forms.CharField(
        label="Your comment",
        max_length=MAX_COMMENT_LENGTH,
        strip=True,
        widget=MarkdownxWidget(attrs={"rows": 6, "maxlength": MAX_COMMENT_LENGTH}),
        error_messages={
            "required": "Your comment is empty. Write something, then post it.",
            "max_length": "Your comment is %(show_value)s characters long; the limit is "
            "%(limit_value)s. Shorten it and post again.",
        },
    )
    # Hidden from people by CSS; bots that fill every field give themselves away.
    homepage = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, field_id="id_body", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["id"] = field_id
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self):
        return bool(self.data.get("homepage"))
