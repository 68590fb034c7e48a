"""Importing an archive from the desk (staff only): upload, then watch it run in the worker."""

import itertools
import json
import os
import uuid
from pathlib import Path

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.imports.export import site_records
from forum.imports.tasks import import_run
from forum.models import ImportRun
from forum.moderation.forms import ImportUploadForm
from forum.moderation.views.common import desk_context, moderator_required
from forum.platform import ratelimit

UPLOADS_PER_HOUR = 20


def _staff_only(user):
    if not (user.is_staff or user.is_superuser):
        raise PermissionDenied(_("Importing comments is for staff only."))


def _store(upload):
    """Write the upload where the worker reads it, readable by this user only."""
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{uuid.uuid4().hex}.upload"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    return str(path)


@moderator_required
def imports(request):
    """Show the upload form and the recent imports; start an import from an upload."""
    _staff_only(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(
            "import-upload", request.user.pk, limit=UPLOADS_PER_HOUR, window_seconds=3600
        ):
            form.add_error(None, _("Too many imports this hour; try again later."))
        else:
            upload = form.cleaned_data["file"]
            run = ImportRun.objects.create(
                started_by=request.user,
                format=form.cleaned_data["format"],
                file_name=upload.name[:200],
                path=_store(upload),
                skip_spam=form.cleaned_data["skip_spam"],
                dry_run=form.cleaned_data["dry_run"],
            )
            import_run.enqueue(run.pk)
            messages.success(
                request,
                _("“%(name)s” is uploaded; its import has begun.") % {"name": run.file_name},
            )
            return redirect("moderation:import_run", run_id=run.pk)
    context = desk_context(request, form=form, runs=ImportRun.objects.all()[:20])
    status = 400 if form.errors else 200
    return render(request, "forum/moderation/imports.html", context, status=status)


@moderator_required
def import_progress(request, run_id):
    """Show an import's progress (the page refreshes itself while it runs) and its report."""
    _staff_only(request.user)
    run = get_object_or_404(ImportRun, pk=run_id)
    return render(request, "forum/moderation/import_run.html", desk_context(request, run=run))


@moderator_required
def export_download(request):
    """Stream the whole discussion as JSON lines (docs/import-export.md), for staff."""
    _staff_only(request.user)
    lines = (
        json.dumps(record, ensure_ascii=False) + "\n"
        for record in site_records(site_url=settings.SITE_URL)
    )
    # Under ASGI (production) a plain iterator would be read whole into memory first.
    body = in_chunks(lines) if hasattr(request, "scope") else lines
    response = StreamingHttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    name = f"discussion-{timezone.now():%Y-%m-%d}.jsonl"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


async def in_chunks(lines, size=500):
    """Yield `lines` (read from the database in its sync thread) a few hundred at a time."""
    take = sync_to_async(lambda: "".join(itertools.islice(lines, size)), thread_sensitive=True)
    while chunk := await take():
        yield chunk
