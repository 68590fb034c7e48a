"""Sign-in by username or e-mail address at the cost of one password hash per attempt."""

import functools
from dataclasses import dataclass

from allauth.account import auth_backends
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connections, router


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    """allauth's backend, checking each account's password at most once per attempt.

    allauth passes a login that looks like an e-mail address both as "username" and as
    "email", and its backend tries the address under each name: two hashes for an existing
    address against one (the dummy hash) for an unknown one, a difference an attacker can
    time. Remembering the answer for each account makes every attempt cost exactly one
    hash: the account's, or the dummy when no account matches.

    It is the only backend (Django's ModelBackend would add a hash of its own); it still
    provides ModelBackend's permission checks for the admin.
    """

    def authenticate(self, request, **credentials):
        self._answers = {}
        return super().authenticate(request, **credentials)

    def _check_password(self, user, password):
        if user is None:
            return None
        if user.pk not in self._answers:
            self._answers[user.pk] = super()._check_password(user, password)
        return self._answers[user.pk]

    def get_user(self, user_id):
        """Return the signed-in member, knowing in the same query whether they confirmed an e-mail.

        Every page a member reads asks `can_participate`: one query fewer on each of them.
        Written in SQL, read with a plain cursor: asked on every signed-in request, the ORM's
        building of this query (or a raw queryset's reading of its columns) cost more than
        running it.
        """
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        alias = router.db_for_read(get_user_model())
        query = _member_query(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(query.sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row[:-1])
        for index, convert in query.converters:
            values[index] = convert(values[index], *query.arguments[index])
        user = get_user_model().from_db(alias, query.attnames, values)
        if not self.user_can_authenticate(user):
            return None
        user.__dict__["has_verified_email"] = bool(row[-1])  # fills the cached_property
        return user


@dataclass(frozen=True)
class _MemberQuery:
    sql: str
    attnames: list
    converters: tuple  # (index, convert) for the columns the database returns in another type
    arguments: dict  # index -> the converter's other arguments


@functools.cache
def _member_query(alias):
    """Return the member's query on database `alias`: its SQL, and how to read its columns
    as the ORM would (SQLite's booleans and dates)."""
    connection = connections[alias]
    users = get_user_model()
    fields = users._meta.concrete_fields
    columns = ", ".join(f"u.{connection.ops.quote_name(field.column)}" for field in fields)
    # Safe: only our models' table and column names are formatted in; the id is bound.
    sql = (
        f"SELECT {columns}, EXISTS (SELECT 1 FROM {EmailAddress._meta.db_table} e"  # noqa: S608
        " WHERE e.user_id = u.id AND e.verified)"
        f" FROM {users._meta.db_table} u WHERE u.id = %s"
    )
    converters, arguments = [], {}
    for index, field in enumerate(fields):
        expression = field.get_col(users._meta.db_table)
        steps = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
        if steps:
            converters.append((index, _convert))
            arguments[index] = (steps, expression, alias)
    return _MemberQuery(sql, [field.attname for field in fields], tuple(converters), arguments)


def _convert(value, steps, expression, alias):
    for step in steps:
        value = step(value, expression, connections[alias])
    return value
