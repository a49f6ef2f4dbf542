"""The answers of an assessment in progress, kept on the server per case (issue 13 item 1):
signing out, the idle limit, a crash or another device loses nothing
(docs/decisions/0014-assessment-drafts.md)."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_crime_reference_trigram"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AssessmentDraft",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="assessment_draft",
                        serialize=False,
                        to="cases.case",
                    ),
                ),
                (
                    "facts",
                    models.JSONField(
                        default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder
                    ),
                ),
                (
                    "skipped",
                    models.JSONField(
                        default=list,
                        help_text="questions left blank that the decision can do without",
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                ("revision", models.PositiveIntegerField(default=0)),
                ("started_seq", models.PositiveBigIntegerField()),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "updated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
