# The rate counts moved to crs.accounts (sign-in security and the API's limits read them, and
# neither may import the web pages). The table stays as it is: only Django's state changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("web", "0001_rate_counts"), ("accounts", "0002_rate_counts_from_web")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateCount")], database_operations=[]
        ),
    ]
