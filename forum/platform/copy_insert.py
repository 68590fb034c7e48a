"""Insert many rows of one model at once: PostgreSQL's COPY, else Django's bulk_create.

bulk_create compiles a multi-row INSERT whose parameters Django prepares one by one; for an
import of a million comments that costs more than PostgreSQL's own work. COPY streams the
rows instead. The ids come first from the table's sequence (one query), so the caller can
point rows at each other (a reply at its parent) before anything is written, and the
instances end up with their pk set, as after bulk_create.
"""

from django.db import connections, router
from django.db.models import JSONField

# Fields whose Python value psycopg writes as PostgreSQL expects with no help from Django.
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateTimeField",
        "FloatField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def reserve_ids(model, count):
    """Return an iterator over `count` new ids of `model`'s table, or None where ids only
    come with the INSERT (SQLite): then use bulk_create, parents before their children."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return iter([pk for (pk,) in cursor.fetchall()])


def insert_many(objects):
    """Insert `objects` (new instances of one model) and set their pk; return them as a list.

    An instance whose pk is set (from reserve_ids) keeps it. No signals are sent and save()
    is not called, as with bulk_create. Within a transaction, rows may refer to each other
    in any order (Django's foreign keys are deferred).
    """
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return model.objects.using(alias).bulk_create(objects)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    prepare = [_preparer(field, connection) for field in fields]
    table = meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    unnumbered = [instance for instance in objects if instance.pk is None]
    if unnumbered:
        for instance, pk in zip(unnumbered, reserve_ids(model, len(unnumbered)), strict=True):
            instance.pk = pk
    with connection.cursor() as cursor:
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for instance in objects:
                copy.write_row(
                    [
                        get(instance) if get else getattr(instance, field.attname)
                        for field, get in zip(fields, prepare, strict=True)
                    ]
                )
    for instance in objects:
        instance._state.adding = False
        instance._state.db = alias
    return objects


def _preparer(field, connection):
    """Return None when the attribute goes as it is, else how to get the column's value."""
    if field.get_internal_type() in _AS_IS and not isinstance(field, JSONField):
        return None
    return lambda instance: field.get_db_prep_save(getattr(instance, field.attname), connection)


def refresh_statistics(*models):
    """Have PostgreSQL sample the tables of `models` again (ANALYZE).

    After a bulk load the planner still believes the tables' old sizes: a lookup by an
    indexed key over the rows just loaded is then planned as a scan of them all, and each
    batch's lookups grow slower with the import. Elsewhere nothing is needed.
    """
    connection = connections[router.db_for_write(models[0])]
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
