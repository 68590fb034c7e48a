"""The e-mails of the DSA's steps: the acknowledgement of a notice, the statement of reasons,
the decision told to the notifier, the outcome of an appeal. Sent by the task worker once
the step's write has committed.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string

from forum.platform.retry import retry_on_transient_error


@task()
def send_dsa_email(subject, body, to, attempt=1):
    """Send one e-mail of the DSA's steps."""
    return retry_on_transient_error(send_dsa_email, _send, subject, body, to, attempt=attempt)


def _send(subject, body, to):
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    ).send()


def tell(to, subject, template, context):
    """Send the e-mail `template` to `to` once the surrounding transaction commits."""
    if not to:
        return
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    body = render_to_string(template, context)
    subject = f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"
    transaction.on_commit(lambda: send_dsa_email.enqueue(subject, body, to), robust=True)
