"""Counts kept on rows (a thread's comments, a comment's score), recounted under a lock."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def recount(rows, *, field, counted, link):
    """Set `field` on each of `rows` to its number of `counted` rows, locking `rows` first.

    `link` is the foreign key from a counted row to its counted-for row. The pages that
    show the counts are refreshed by the change's event (forum.comments.events).
    """
    model = rows.model
    # The lock is its own statement: the count below then runs on a snapshot that sees
    # every write committed by whoever held the lock before us, so the last count wins
    # and is exact. Ordered by pk so that two recounts never deadlock each other.
    locked = list(
        model.objects.filter(pk__in=rows.values("pk"))
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = (
        counted.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(count=Count("pk"))
        .values("count")
    )
    changed = model.objects.filter(pk__in=locked)
    return changed.update(**{field: Coalesce(Subquery(count), 0)})
