"""The kept case counts (crs.cases.counts), counted once here from the cases already stored,
so a deployment upgraded with cases starts with figures that agree with them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count

KEY = ("state", "team_id", "owner_id", "juvenile", "authorities_outstanding")


def count_the_cases(apps, schema_editor):
    Case, CaseCount = apps.get_model("cases", "Case"), apps.get_model("cases", "CaseCount")
    rows = Case.objects.order_by().values_list(*KEY).annotate(n=Count("id"))
    CaseCount.objects.bulk_create(
        (CaseCount(cases=row[-1], **dict(zip(KEY, row[:-1], strict=True))) for row in rows),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0005_one_offender_record"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("assessed", "Assessed"),
                            ("awaiting_authorisation", "Awaiting authorisation"),
                            ("authorised", "Authorised"),
                            ("refused", "Authorisation refused"),
                            ("agreed", "Agreed with the offender"),
                            ("actions_in_progress", "Actions in progress"),
                            ("completed", "Actions completed"),
                            ("non_compliant", "Not complied with"),
                            ("supervisor_review", "Supervisor review"),
                            ("imu_qa", "IMU quality assurance"),
                            ("closed", "Closed"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=30,
                    ),
                ),
                ("juvenile", models.BooleanField()),
                ("authorities_outstanding", models.CharField(blank=True, max_length=200)),
                ("cases", models.IntegerField(default=0)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.team",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("state", "team", "owner", "juvenile", "authorities_outstanding"),
                        name="case_count_key",
                    )
                ],
            },
        ),
        migrations.RunPython(count_the_cases, migrations.RunPython.noop),
    ]
