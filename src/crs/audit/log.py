"""Append to the audit trail, inside the caller's transaction."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, ChainHead

HEAD_ID = 1


def _plain(value):
    """What the JSON column will give back: dates as text, tuples as lists."""
    return None if value is None else json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def record(*, actor, case, action: str, before=None, after=None, why: str = "") -> AuditEntry:
    """Write one entry chained onto the last; must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written in the same transaction as the change")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=HEAD_ID)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "system",
        case=case,
        case_ref=case.crime_reference if case is not None else "",
        action=action,
        before=_plain(before),
        after=_plain(after),
        why=why,
    )
    entry.seal(head.hash)
    entry.save()
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry
