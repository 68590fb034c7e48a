"""The e-mails of the DSA's steps: the acknowledgement of a notice, the statement of reasons,
the decision told to the notifier, the outcome of an appeal. Sent by the task worker once
the step's write has committed, each in the language of the person it is written to.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from accounts.languages import member_language
from forum.platform.retry import retry_on_transient_error


@task()
def send_dsa_email(subject, body, to, attempt=1):
    """Send one e-mail of the DSA's steps."""
    return retry_on_transient_error(send_dsa_email, _send, subject, body, to, attempt=attempt)


def _send(subject, body, to):
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    ).send()


def language_of(member):
    """Return the language to write to `member` in: theirs, else the site's (None: no account).

    A decision is taken in a moderator's request: its language is the moderator's, never
    the recipient's, so it is not a fallback here.
    """
    return (member_language(member) if member is not None else None) or settings.LANGUAGE_CODE


def tell(to, subject, template, context, *, language, subject_params=None):
    """Send the e-mail `template` to `to` in `language` once the surrounding transaction commits.

    `subject` is a lazy translation; `subject_params` fill its placeholders.
    """
    if not to:
        return
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        body = render_to_string(template, context)
        subject = str(subject) % subject_params if subject_params else str(subject)
    subject = f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"
    transaction.on_commit(lambda: send_dsa_email.enqueue(subject, body, to), robust=True)
