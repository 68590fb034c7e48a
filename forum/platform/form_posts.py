"""Refuse form posts that can't be read whole: too large, or not valid UTF-8.

Both are answered before any view or CSRF check reads the form, and nothing is stored.

Too large: a post over `MAX_REQUEST_BYTES` (about 1 MB, far above any text a member may
send) is answered 413 with a page that says what happened; the member's text is still in
the form they came from (the browser's Back). Below the cap, a refused text always comes
back whole in its form.

Not UTF-8: Django decodes form data with errors="replace": an invalid byte would reach a
comment as U+FFFD and the member would never know their text was damaged. A form post whose
fields, once percent-decoded, are not UTF-8 is answered 400 with a plain message.
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from forum import refusals
from forum.markdown import MAX_COMMENT_LENGTH

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Staff upload archives of comments here (forum.moderation.views.imports): a file, streamed
# to disk by Django's upload handlers, up to IMPORT_UPLOAD_MAX_BYTES; the view checks who.
UPLOAD_PATHS = ("/moderation/imports/",)


def _is_form_post(request):
    # Django 6 already refuses a form post declaring another charset; UTF-8 is the only one.
    return (
        request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        and request.content_type in FORM_CONTENT_TYPES
    )


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_large(request):
    context = {"limit": settings.MAX_REQUEST_BYTES, "comment_limit": MAX_COMMENT_LENGTH}
    return render(request, "413.html", context, status=413)


class FormPostMiddleware:
    """Answer 413 to a form post over the size cap, and 400 to one that is not UTF-8."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_form_post(request):
            return self.get_response(request)
        if request.path in UPLOAD_PATHS and request.content_type == FORM_CONTENT_TYPES[1]:
            if _declared_length(request) > settings.IMPORT_UPLOAD_MAX_BYTES:
                return _too_large(request)
            return self.get_response(request)
        if _declared_length(request) > settings.MAX_REQUEST_BYTES:
            return _too_large(request)
        try:
            # Read under Django's own cap (DATA_UPLOAD_MAX_MEMORY_SIZE, the same number), which
            # also stops a body sent without a length.
            body = request.body
        except RequestDataTooBig:
            return _too_large(request)
        if request.content_type == FORM_CONTENT_TYPES[0]:
            # "&", "=" and "+" are ASCII, so the whole body decodes if and only if every
            # field does.
            try:
                unquote_to_bytes(body).decode("utf-8")
            except UnicodeDecodeError:
                return HttpResponseBadRequest(
                    refusals.FORM_NOT_UTF8, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)
