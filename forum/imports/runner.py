"""One import, whatever starts it (the console or the desk): read, match, write, report."""

from django.conf import settings

from forum.imports import disqus, invitation, wordpress
from forum.imports.matching import ThreadMatcher, read_mapping
from forum.imports.records import SourceComment, SourceNote, SourceThread
from forum.imports.rendering import Renderer
from forum.imports.report import Report
from forum.imports.writer import BatchWriter

PROGRESS_EVERY = 500  # comments read between two reports of progress
FORMATS = {"disqus": disqus, "wordpress": wordpress, "invitation": invitation}


def source_name(format, path):
    """Return the name comments from this file are keyed under (their archive)."""
    reader = FORMATS[format]
    return reader.source_name(path) if hasattr(reader, "source_name") else format


def count_comments(format, path):
    """Return about how many comments the file holds (a byte count, for the progress bar)."""
    mark = FORMATS[format].COUNT_MARK
    count, tail = 0, b""
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += data.count(mark)
            tail = data[-(len(mark) - 1) :]
    return count


def run_import(
    *,
    format,
    path,
    dry_run=False,
    skip_spam=False,
    mapping_path=None,
    progress=None,
    batch_size=None,
):
    """Import the comments of `path`; return the Report. `progress(n)` hears of n more read.

    Raises ImportFileError (with the place and the reason) on a file that is unsafe or
    malformed; the batches written before it stay, and running the import again resumes.
    """
    reader = FORMATS[format]
    source = source_name(format, path)
    report = Report(source=source, dry_run=dry_run)
    matcher = ThreadMatcher(mapping=read_mapping(mapping_path), dry_run=dry_run)
    with Renderer(settings.IMPORT_WORKERS) as renderer:
        writer = BatchWriter(
            source=source,
            matcher=matcher,
            report=report,
            batch_size=batch_size or settings.IMPORT_BATCH_SIZE,
            dry_run=dry_run,
            skip_spam=skip_spam,
            renderer=renderer,
        )
        read = _read(reader, path, format, report, matcher, writer, progress)
        writer.finish()
    if progress is not None:
        progress(read % PROGRESS_EVERY)
    report.threads = matcher.how
    return report


def _read(reader, path, format, report, matcher, writer, progress):
    """Hand the file's records to the matcher, the writer and the report; return how many
    comments were read."""
    read = 0
    own_keys = format == "invitation"
    for record in reader.read(path):
        if isinstance(record, SourceComment):
            report.count("read")
            writer.add(record)
            read += 1
            if progress is not None and read % PROGRESS_EVERY == 0:
                progress(PROGRESS_EVERY)
        elif isinstance(record, SourceThread):
            matcher.add(record, own_keys=own_keys)
        elif isinstance(record, SourceNote):
            if record.text:
                report.note(record.kind, record.text)
            else:
                report.count(record.kind)
    return read
