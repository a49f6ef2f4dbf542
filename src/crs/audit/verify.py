"""`crs audit verify`: walk the chain and name the first entry that no longer fits."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from . import chain

EXIT_OK, EXIT_ALTERED = 0, 1


@dataclass(frozen=True)
class Result:
    count: int
    problem: str | None = None  # the first altered entry, described for a person

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain() -> Result:
    from .models import AuditEntry, ChainHead

    previous, expected_seq, count = chain.GENESIS, 1, 0
    rows = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    for entry in rows:
        where = f"audit entry #{entry.seq} ({entry.action} on {entry.case_ref or 'no case'})"
        if entry.seq != expected_seq:
            return Result(count, f"audit entry #{expected_seq} is missing (next is #{entry.seq})")
        if entry.prev_hash != previous:
            return Result(count, f"{where} does not follow the entry before it")
        if chain.entry_hash(previous, entry.content()) != entry.hash:
            return Result(
                count, f"{where} has been altered: its content no longer matches its hash"
            )
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (count, previous):
        return Result(count, f"the chain should end at entry #{head.seq}, but ends at #{count}")
    return Result(count)


def cmd_verify(args) -> int:
    import os
    import secrets

    from crs.web import setup

    # Verifying only reads the database: it signs nothing and answers no host, so it
    # runs without the secret key and host names a server needs.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    setup()
    result = verify_chain()
    if result.ok:
        sys.stdout.write(f"OK: {result.count} audit entries verified\n")
        return EXIT_OK
    sys.stdout.write(f"ALTERED: {result.problem}\n")
    return EXIT_ALTERED
