"""Background work of the discussion, run by the django.tasks worker (manage.py db_worker)."""

from django.tasks import task

from forum import notifications


@task()
def deliver_notifications(recipient_id, thread_id):
    """Send a member one e-mail gathering their unsent notifications for a thread."""
    return notifications.deliver(recipient_id=recipient_id, thread_id=thread_id)
