"""Messages shown next to what they are about (a comment, the discussion, the desk's list).

After a form without JavaScript, the redirect lands on an anchor; a message placed at that
anchor is read where the reader's attention is, not at the top of the page, out of view.
"""

from django.contrib import messages

PREFIX = "at:"


def add(request, level, text, *, at):
    """Queue a message for the page after the redirect, shown at the element with id `at`."""
    messages.add_message(request, level, text, extra_tags=f"{PREFIX}{at}")


def anchor_of(message):
    """Return the id a message is placed at, or "" for a message of the whole page."""
    for tag in (message.extra_tags or "").split():
        if tag.startswith(PREFIX):
            return tag[len(PREFIX) :]
    return ""
