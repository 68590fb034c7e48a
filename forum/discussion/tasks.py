"""Background work of the discussion, run by the django.tasks worker (manage.py db_worker)."""

from django.tasks import task

from forum.discussion import delivery


@task()
def deliver_notifications(recipient_id, thread_id):
    """Send a member one e-mail gathering their unsent notifications for a thread."""
    return delivery.deliver(recipient_id=recipient_id, thread_id=thread_id)
