"""The desk's imports, run by the task worker: the same import as the console's."""

import logging
import os

from django.db.models import F
from django.tasks import task
from django.utils import timezone

from forum.imports.records import ImportFileError
from forum.imports.runner import count_comments, run_import
from forum.models import ImportRun

logger = logging.getLogger(__name__)


@task()
def import_run(run_id):
    """Run the uploaded import `run_id`, keeping its progress and report; then delete the file
    (it holds e-mail and IP addresses the import does not keep)."""
    run = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.WAITING).first()
    if run is None:
        return
    runs = ImportRun.objects.filter(pk=run_id)
    try:
        runs.update(state=ImportRun.State.RUNNING, total=count_comments(run.format, run.path))
        report = run_import(
            format=run.format,
            path=run.path,
            dry_run=run.dry_run,
            skip_spam=run.skip_spam,
            progress=lambda n: runs.update(done=F("done") + n),
        )
    except (ImportFileError, OSError) as error:
        runs.update(state=ImportRun.State.FAILED, error=str(error), finished_at=timezone.now())
    except Exception:
        logger.exception("import %s failed", run_id)
        runs.update(
            state=ImportRun.State.FAILED,
            error="The import stopped on an unexpected error; what it wrote stays, and "
            "uploading the file again resumes it.",
            finished_at=timezone.now(),
        )
        raise
    else:
        runs.update(state=ImportRun.State.DONE, report=report.as_dict(), finished_at=timezone.now())
    finally:
        if os.path.exists(run.path):
            os.remove(run.path)
