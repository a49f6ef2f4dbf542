"""Who may import previous outcomes and export Home Office records: each check returns None,
or the sentence that refuses.

Only administrators and Victim Justice analysts: an import changes what every
later assessment is told about a person's history, and an export carries every
closed case's offender details out of crs.
"""

from __future__ import annotations

from crs.accounts.models import Role

ALLOWED = (Role.ADMINISTRATOR, Role.VICTIM_JUSTICE_ANALYST)


def _allowed(user, what: str) -> str | None:
    if user is not None and user.is_active and user.role in ALLOWED:
        return None
    return f"Only an administrator or a Victim Justice analyst can {what}."


def can_import(user) -> str | None:
    return _allowed(user, "import previous outcomes")


def can_export(user) -> str | None:
    return _allowed(user, "export outcome records")
