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


def verify_chain(kind: str = "audit") -> Result:
    """Walk one chain: "audit" (changes to cases) or "access" (the access log)."""
    from .access import ACCESS_HEAD
    from .log import HEAD_ID
    from .models import AccessEntry, AuditEntry, ChainHead

    model, head_id, noun = {
        "audit": (AuditEntry, HEAD_ID, "audit entry"),
        "access": (AccessEntry, ACCESS_HEAD, "access entry"),
    }[kind]
    previous, expected_seq, count = chain.GENESIS, 1, 0
    rows = model.objects.order_by("seq").iterator(chunk_size=2000)
    for entry in rows:
        case = entry.case_ref or (f"case {entry.case_id}" if entry.case_id else "no case")
        where = f"{noun} #{entry.seq} ({entry.action} on {case})"
        if entry.seq != expected_seq:
            return Result(count, f"{noun} #{expected_seq} is missing (next is #{entry.seq})")
        if entry.prev_hash != previous:
            return Result(count, f"{where} does not follow the entry before it")
        if chain.entry_hash(previous, entry.content()) != entry.hash:
            return Result(
                count, f"{where} has been altered: its content no longer matches its hash"
            )
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = ChainHead.objects.filter(pk=head_id).first()
    if head is not None and (head.seq, head.hash) != (count, previous):
        return Result(count, f"the chain should end at {noun} #{head.seq}, but ends at #{count}")
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
    status = EXIT_OK
    for kind, plural in (("audit", "audit entries"), ("access", "access log entries")):
        result = verify_chain(kind)
        if result.ok:
            sys.stdout.write(f"OK: {result.count} {plural} verified\n")
        else:
            sys.stdout.write(f"ALTERED: {result.problem}\n")
            status = EXIT_ALTERED
    return status
