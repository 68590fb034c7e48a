"""The task worker's side: the task row commits with the delivery, claims skip locked rows."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.comments import transitions
from forum.models.webhooks import Delivery
from forum.webhooks import sending


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def deliver_tasks():
    return DBTaskResult.objects.filter(task_path=sending.deliver.module_path)


@pytest.mark.django_db
def test_the_task_is_queued_in_the_write_transaction(
    database_tasks, endpoint, receiver, thread, member
):
    endpoint()
    with pytest.raises(RuntimeError), transaction.atomic():
        transitions.comment_create(author=member, thread=thread, body="Rolled back.")
        assert deliver_tasks().count() == 1
        raise RuntimeError
    assert not deliver_tasks().exists() and not Delivery.objects.exists()
    transitions.comment_create(author=member, thread=thread, body="Kept.")
    task = deliver_tasks().get()
    assert task.args_kwargs["args"] == [Delivery.objects.get().pk]


@pytest.mark.django_db
def test_a_database_error_while_delivering_is_retried_later(database_tasks, monkeypatch):
    def restarting(delivery_id):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(sending, "send_one", restarting)
    result = sending.deliver.call(7)
    assert result["retry"] == 2 and "shutting down" in result["error"]
    retry = deliver_tasks().get()
    assert retry.args_kwargs == {"args": [7], "kwargs": {"attempt": 2}}
    assert retry.run_after > timezone.now() + timedelta(seconds=20)


@pytest.mark.django_db
def test_the_sweep_command_sends_what_is_due(endpoint, receiver, thread, member, capsys):
    endpoint()
    transitions.comment_create(author=member, thread=thread, body="Hello.")
    call_command("webhooks_send")
    assert "Attempted 1 deliveries." in capsys.readouterr().out
    assert len(receiver.received) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.requires_postgres("row locks held by another connection (SKIP LOCKED)")
def test_two_workers_never_claim_the_same_delivery(
    database_tasks, endpoint, receiver, thread, member
):
    endpoint()
    transitions.comment_create(author=member, thread=thread, body="One.")
    transitions.comment_create(author=member, thread=thread, body="Two.")
    first, second = Delivery.objects.order_by("pk")
    now = timezone.now() + timedelta(seconds=1)
    a_holds_lock, b_done = threading.Event(), threading.Event()
    claimed = {}

    def worker_a():  # in the middle of claiming the first delivery
        try:
            with transaction.atomic():
                Delivery.objects.select_for_update().get(pk=first.pk)
                a_holds_lock.set()
                b_done.wait(timeout=30)
        finally:
            connections.close_all()

    def worker_b():
        try:
            a_holds_lock.wait(timeout=30)
            delivery, _ = sending.claim(now=now)
            claimed["b"] = delivery.pk
        finally:
            b_done.set()
            connections.close_all()

    workers = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert claimed["b"] == second.pk
    delivery, _ = sending.claim(now=now)
    assert delivery.pk == first.pk
    assert sending.claim(now=now) is None
