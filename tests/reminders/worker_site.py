"""A site for the crash tests, in the database DATABASE_URL names (run in a subprocess).

python -m tests.reminders.worker_site seed     migrate; one agreed case, its owner has email
python -m tests.reminders.worker_site report   what was delivered, as JSON
"""

from __future__ import annotations

import json
import os
import sys


def main(command: str) -> None:
    os.environ.setdefault("SECRET_KEY", "crash-tests-only")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    from crs.site import setup

    setup()
    if command == "migrate":
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    elif command == "seed":
        from crs.accounts.models import Team
        from tests.cases.personas import person
        from tests.cases.walk import agreed

        north = Team.objects.create(name="North", district="Testshire North")
        owner = person("pc_ali", team=north, rj_level1_trained=True, email="ali@example.test")
        agreed(owner)
    elif command == "report":
        from django_tasks_db.models import DBTaskResult

        from crs.reminders.models import Notification, Reminder

        report = {
            "notifications": Notification.objects.count(),
            "reminders": list(
                Reminder.objects.values("kind", "email_outcome", "finished_at").order_by("pk")
            ),
            "tasks": sorted(DBTaskResult.objects.values_list("status", flat=True)),
        }
        json.dump(report, sys.stdout, default=str)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1])
