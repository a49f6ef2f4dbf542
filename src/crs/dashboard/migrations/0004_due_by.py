# ruff: noqa: RUF012  (a migration: Django's class-level lists)
"""Each CR's deadline for its outcomes, from its latest assessment (the limit of the pack
it was assessed under), in place of the offence date plus a fixed 16 weeks."""

from datetime import date

from django.db import migrations, models

CHUNK = 5000


def fill(apps, schema_editor):
    CaseFigures = apps.get_model("dashboard", "CaseFigures")
    Assessment = apps.get_model("cases", "Assessment")
    deadlines = {}
    for case_id, deadline in (
        Assessment.objects.order_by("id")
        .values_list("case_id", "result__deadlines__outcomes_complete_by")
        .iterator(chunk_size=CHUNK)
    ):
        deadlines[case_id] = date.fromisoformat(deadline) if isinstance(deadline, str) else None
    rows = []
    for row in CaseFigures.objects.only("case_id").iterator(chunk_size=CHUNK):
        row.due_by = deadlines.get(row.case_id)
        rows.append(row)
        if len(rows) == CHUNK:
            CaseFigures.objects.bulk_update(rows, ["due_by"])
            rows = []
    CaseFigures.objects.bulk_update(rows, ["due_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0003_tally_rollup"),
        ("cases", "0005_one_offender_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="casefigures",
            name="due_by",
            field=models.DateField(
                help_text="the day the outcomes must be complete by (4.4.4): the latest "
                "assessment's, under its pack's limit",
                null=True,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
