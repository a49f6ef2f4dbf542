# The rate counts' model, moved here from crs.web with its table (web_ratecount): the table
# was made by web 0001, so this changes Django's state only.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("web", "0001_rate_counts")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateCount",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=200)),
                        ("bucket", models.BigIntegerField()),
                        ("count", models.IntegerField(default=0)),
                        ("expires", models.BigIntegerField(db_index=True)),
                    ],
                    options={
                        "db_table": "web_ratecount",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "bucket"), name="web_ratecount_one_per_slice"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
