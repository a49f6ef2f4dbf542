"""`crs backup FILE` and `crs restore FILE`."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from crs.accounts.models import Role, User
from crs.audit.models import AuditEntry
from crs.audit.verify import verify_chain
from crs.cases.models import Case
from crs.private_files import reserve

EXIT_OK, EXIT_INVALID, EXIT_BROKEN = 0, 2, 1
# Rebuilt by Django itself on migrate, or short-lived: never part of a backup.
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
]


def backup(path: Path) -> None:
    if not path.name.endswith(".json.gz"):
        raise ValueError(f"{path}: a backup's name ends in .json.gz")
    reserve(path)
    call_command(
        "dumpdata",
        exclude=LEFT_OUT,
        natural_foreign=True,
        output=str(path),
        verbosity=0,
    )


def holds_data() -> list[str]:
    """The tables of a database that are not empty (of those a backup writes)."""
    return [m._meta.label for m in (User, Case, AuditEntry) if m.objects.exists()]


def restore(path: Path) -> dict:
    """Migrate, load, verify. Returns the counts of the chains verified."""
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    call_command("migrate", verbosity=0, interactive=False)
    full = holds_data()
    if full:
        raise ValueError(
            "the database already holds data (" + ", ".join(full) + "): restore only into an "
            "empty database, so nothing in it is overwritten or mixed with the backup"
        )
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
    counts = {}
    for kind in ("audit", "access"):
        result = verify_chain(kind)
        if not result.ok:
            raise RuntimeError(f"restored, but the {kind} chain does not verify: {result.problem}")
        counts[kind] = result.count
    return counts


def administrator(username: str):
    """The active administrator named by --by, or ValueError saying why not: a backup is
    every record crs holds, so only the force's administrators take one."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValueError(f"--by: no active crs user {username!r}")
    if not (user.is_superuser or user.role == Role.ADMINISTRATOR):
        raise ValueError(f"--by: {username} is not an administrator")
    return user
