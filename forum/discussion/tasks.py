"""Background work of the discussion, run by the django.tasks worker (manage.py db_worker)."""

from django.tasks import task

from forum.discussion import delivery
from forum.platform.retry import retry_on_transient_error


@task()
def deliver_notifications(recipient_id, thread_id, attempt=1):
    """Send a member one e-mail gathering their unsent notifications for a thread."""
    return retry_on_transient_error(
        deliver_notifications, _deliver, recipient_id, thread_id, attempt=attempt
    )


def _deliver(recipient_id, thread_id):
    return delivery.deliver(recipient_id=recipient_id, thread_id=thread_id)
