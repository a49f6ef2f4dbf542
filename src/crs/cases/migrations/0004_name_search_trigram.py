"""Name search on PostgreSQL: trigram indexes for `icontains` on the people's names.

Search asks UPPER(name) LIKE UPPER('%word%'); a B-tree cannot answer a match in the
middle of a name, a trigram GIN index on the same expression can (pg_trgm, shipped with
PostgreSQL and trusted, so the database's owner may create it). Other databases keep
the plain index and scan: no code changes with the database.
"""

from django.db import migrations

INDEXES = {
    "person_family_name_trgm": "family_name",
    "person_given_name_trgm": "given_name",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    table = schema_editor.quote_name(apps.get_model("cases", "Person")._meta.db_table)
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (UPPER({schema_editor.quote_name(column)}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_juvenile_authorities_outstanding"),
    ]

    operations = [migrations.RunPython(create, drop)]
