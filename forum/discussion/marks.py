"""What a page shows differently to one member: their votes, their follow, their held comments.

Read in one query per page view (a UNION written in SQL), with whether they are a moderator.
"""

from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.db import connections, router

from forum.models import Comment, Follow, Vote
from forum.roles import memberships_sql, settle_moderator


class Marks(NamedTuple):
    """What a page shows differently to one member: their votes, follow, held comments."""

    voted_ids: frozenset = frozenset()
    following: bool = False
    holds_comment: bool = False  # a comment of theirs in the thread is held for moderation


def reader_marks(user, thread, comment_ids):
    """Return the reader's Marks on a page showing `comment_ids`, in one query (a UNION).

    The same query tells whether they are in the Moderators group, for their moderator
    links. Written in SQL with the ids inlined as integers: asked on every member's page
    view, the ORM's compiling and 200 bound parameters cost several times the query itself.
    A held comment is one this reader sees and an anonymous reader does not, by the
    visibility rule (`Comment.seen_by`).
    """
    if not user.is_authenticated:
        return Marks()
    ids = ",".join(str(int(pk)) for pk in comment_ids)
    alias = router.db_for_read(Vote)
    # PostgreSQL parses and plans one array constant in a fraction of the time it takes over
    # as many constants as a page has cards (a third of the query's cost).
    if not ids:
        on_page = "IN (NULL)"
    elif connections[alias].vendor == "postgresql":
        on_page = f"= ANY('{{{ids}}}'::bigint[])"
    else:
        on_page = f"IN ({ids})"
    moderators, moderators_params = memberships_sql()
    held, held_params = Comment.objects.visible_to_sql(user, beyond=AnonymousUser())
    # Safe: only table names, column names of our models, SQL the ORM compiled and integers
    # are formatted in; values are bound.
    sql = (
        f"SELECT comment_id, 'vote' FROM {Vote._meta.db_table}"  # noqa: S608
        f" WHERE voter_id = %s AND comment_id {on_page}"
        f" UNION ALL SELECT thread_id, 'follow' FROM {Follow._meta.db_table}"
        " WHERE member_id = %s AND thread_id = %s"
        f" UNION ALL SELECT id, 'held' FROM {Comment._meta.db_table}"
        f" WHERE thread_id = %s AND {held}"
        f" UNION ALL SELECT m.user_id, 'moderator' FROM ({moderators}) m WHERE m.user_id = %s"
    )
    params = [user.pk, user.pk, thread.pk, thread.pk, *held_params]
    params += [*moderators_params, user.pk]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    kinds = {kind for _, kind in rows}
    settle_moderator(user, in_group="moderator" in kinds)
    return Marks(
        voted_ids=frozenset(pk for pk, kind in rows if kind == "vote"),
        following="follow" in kinds,
        holds_comment="held" in kinds,
    )
