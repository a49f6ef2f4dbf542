"""Indexes for the work lists and searches at a force's scale (issue 14): the cases
awaiting authority newest first, the under-18s' cases whose parent or guardian must be
told, the deferred actions still pending, and who may see a case, readable from the index
alone. Plain and partial indexes work on SQLite and PostgreSQL alike; nothing depends on
them but speed."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0006_case_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("state", "awaiting_authorisation")),
                fields=["-id"],
                name="case_awaiting_authorisation",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["id", "state", "team", "owner", "juvenile"], name="case_visibility"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(
                    ("agreed_at__isnull", False),
                    ("juvenile", True),
                    ("state__in", ("agreed", "actions_in_progress", "completed", "non_compliant")),
                ),
                fields=["owner"],
                name="case_parent_owner",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(
                    ("agreed_at__isnull", False),
                    ("juvenile", True),
                    ("state__in", ("agreed", "actions_in_progress", "completed", "non_compliant")),
                ),
                fields=["team"],
                name="case_parent_team",
            ),
        ),
        migrations.AddIndex(
            model_name="remedyaction",
            index=models.Index(
                condition=models.Q(("instant", False), ("status", "pending")),
                fields=["case", "due_date"],
                name="action_pending_deferred",
            ),
        ),
    ]
