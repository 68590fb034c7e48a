"""Search vectors the database stores and keeps current: one configuration, any database."""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Func

SEARCH_CONFIG = "english"


class StoredSearchVector(Func):
    """Compute the wrapped search vector on PostgreSQL, and NULL on any other database.

    It is the expression of a stored generated column, so the column exists everywhere and
    migrations apply on SQLite, where search falls back to a plain match and needs no vector.
    """

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", ()
        return super().as_sql(compiler, connection, **extra_context)
