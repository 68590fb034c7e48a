"""Refuse form posts that are not valid UTF-8, instead of storing replacement characters.

Django decodes form data with errors="replace": an invalid byte would reach a comment as
U+FFFD and the member would never know their text was damaged. A form post whose fields,
once percent-decoded, are not UTF-8 is answered 400 with a plain message, before any view
or CSRF check reads it.
"""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest

from forum import refusals

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def _is_form_post(request):
    # Django 6 already refuses a form post declaring another charset; UTF-8 is the only one.
    return (
        request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        and request.content_type == FORM_CONTENT_TYPE
    )


class FormEncodingMiddleware:
    """Answer 400 to a form post whose decoded fields are not valid UTF-8."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_form_post(request):
            # "&", "=" and "+" are ASCII, so the whole body decodes if and only if every
            # field does. Reading the body here keeps Django's size limit (a 400 too).
            try:
                unquote_to_bytes(request.body).decode("utf-8")
            except UnicodeDecodeError:
                return HttpResponseBadRequest(
                    refusals.FORM_NOT_UTF8, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)
