"""Search by part of a crime reference on PostgreSQL: a trigram index, as for names (0004).

Search asks UPPER(crime_reference) LIKE UPPER('%part%') ("200003" finds 46/200003/24); the
unique B-tree index answers only a reference's start. Other databases scan.
"""

from django.db import migrations

NAME = "case_crime_reference_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    table = schema_editor.quote_name(apps.get_model("cases", "Case")._meta.db_table)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON {table} "
        f'USING gin (UPPER("crime_reference"::text) gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_work_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
