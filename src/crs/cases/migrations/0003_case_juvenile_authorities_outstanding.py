"""Copies of the current assessment on the case (crs.cases.summary), filled for existing cases."""

from django.db import migrations, models

OPEN = {
    "draft",
    "assessed",
    "awaiting_authorisation",
    "authorised",
    "agreed",
    "actions_in_progress",
    "completed",
    "non_compliant",
    "supervisor_review",
    "imu_qa",
}


def fill(apps, schema_editor):
    # The rules of crs.cases.summary, restated over the historical models.
    Case = apps.get_model("cases", "Case")
    Assessment = apps.get_model("cases", "Assessment")
    Authorisation = apps.get_model("cases", "Authorisation")
    latest = {}
    for case_id, pk in Assessment.objects.order_by("case_id", "id").values_list("case_id", "id"):
        latest[case_id] = pk
    for case in Case.objects.filter(pk__in=list(latest)).iterator():
        assessment = Assessment.objects.get(pk=latest[case.pk])
        deadlines = assessment.result.get("deadlines") or {}
        case.juvenile = deadlines.get("parent_guardian_informed_within_hours") is not None
        tokens = set()
        if case.state in OPEN:
            given = set(
                Authorisation.objects.filter(
                    assessment_id=assessment.pk, decision="given", voided_at__isnull=True
                ).values_list("requirement", "authority")
            )
            for e in assessment.result.get("authorisations") or []:
                if (e.get("code", ""), e["authority"]) not in given:
                    pse = "+pse" if e.get("pse_equivalent_allowed") is True else ""
                    tokens.add(e["authority"] + pse)
        case.authorities_outstanding = f" {' '.join(sorted(tokens))} " if tokens else ""
        case.save(update_fields=["juvenile", "authorities_outstanding"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_demographics_and_satisfaction"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="juvenile",
            field=models.BooleanField(
                default=False, help_text="the current assessment found the offender under 18"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="authorities_outstanding",
            field=models.CharField(
                blank=True,
                help_text="authorities still to be given, between spaces (crs.cases.summary)",
                max_length=200,
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("juvenile", True)),
                fields=["state"],
                name="case_juvenile_state",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
