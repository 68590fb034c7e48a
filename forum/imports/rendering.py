"""An archive's messages made into what a comment stores, in worker processes for big files.

Converting a message to Markdown and rendering it through the one sanitizer is most of an
import's work and a pure function of the message, so a large file's batches go to a pool of
processes (IMPORT_WORKERS) while this process reads the file and writes the rows. The pool
starts with a file's second batch: a small file is converted here, with no process started.
Its processes are spawned, which runs the program's main module again in each: the entry
points that import (manage.py, the task worker's `manage.py db_worker`) keep their work
under `if __name__ == "__main__"`, as a script that imports must too.
"""

from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from forum.imports.content import html_to_markdown, text_to_markdown
from forum.markdown import comment_text

# A comment deleted on the old site keeps its place (and its replies) under a placeholder;
# readers see the site's placeholder, this text is what the row holds if the archive had none.
DELETED_TEXT = "This comment was deleted on the site it came from."


def to_markdown(message, message_format):
    """Return the Markdown of an archived comment's message."""
    if message_format == "markdown":
        return message
    if message_format == "text":
        return text_to_markdown(message)
    return html_to_markdown(message)


def render(jobs):
    """Return {key: (text, HTML, problem)} (forum.markdown.comment_text's answer) for `jobs`
    of (key, message, message_format, deleted).

    Free of Django, as are the modules it uses: a worker process imports only them.
    """
    done = {}
    for key, message, message_format, deleted in jobs:
        body = to_markdown(message, message_format)
        if deleted and not body.strip():
            body = DELETED_TEXT
        done[key] = comment_text(body)
    return done


class Renderer:
    """Render batches of SourceComments, in `workers` processes once there is a second batch.

    `submit` returns a Future of render's answer. `ahead` is how many batches may be in the
    pool while the caller writes earlier ones.
    """

    def __init__(self, workers):
        self.workers = max(0, workers)
        self.ahead = self.workers
        self.pool = None
        self.submitted = 0

    def submit(self, comments):
        jobs = [(c.key, c.message, c.message_format, c.state == "deleted") for c in comments]
        self.submitted += 1 if jobs else 0  # a run again over imported comments starts none
        if self.workers and self.submitted > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=get_context("spawn"),  # not fork: the parent holds connections
            )
        if self.pool is not None:
            return self.pool.submit(render, jobs)
        future = Future()
        future.set_result(render(jobs))
        return future

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
