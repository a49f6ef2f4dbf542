"""`crs audit verify`: walk the chain and name the first entry that no longer fits.

A normal entry must match its digest (its personal content) and its hash (its frame,
digest and place). An erased entry has no content left to match: its frame, digest and
place must still match its hash, and the erasure must be one the audit trail records
(an intact "erase" entry, later in the trail, that lists it), so marking an entry erased
is no way round the chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import chain
from .access import ACCESS_HEAD
from .log import HEAD_ID
from .models import AccessEntry, AuditEntry, ChainHead

EXIT_OK, EXIT_ALTERED = 0, 1
ERASE_ACTION = "erase_personal_data"  # the audit entry a retention disposal writes


@dataclass(frozen=True)
class Result:
    count: int
    problem: str | None = None  # the first altered entry, described for a person
    erased: int = 0  # entries whose personal content a retention disposal erased

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(kind: str = "audit") -> Result:
    """Walk one chain: "audit" (changes to cases) or "access" (the access log)."""
    model, head_id, noun = {
        "audit": (AuditEntry, HEAD_ID, "audit entry"),
        "access": (AccessEntry, ACCESS_HEAD, "access entry"),
    }[kind]
    previous, expected_seq, count = chain.GENESIS, 1, 0
    claims: dict[int, list[tuple[int, str]]] = {}  # erasure entry -> the entries it erased
    rows = model.objects.order_by("seq").iterator(chunk_size=2000)
    for entry in rows:
        case = entry.case_ref or (f"case {entry.case_id}" if entry.case_id else "no case")
        where = f"{noun} #{entry.seq} ({entry.action} on {case})"
        if entry.seq != expected_seq:
            return Result(count, f"{noun} #{expected_seq} is missing (next is #{entry.seq})")
        if entry.prev_hash != previous:
            return Result(count, f"{where} does not follow the entry before it")
        erased = entry.erased_at is not None or entry.erasure_seq is not None
        if not erased and chain.content_digest(entry.personal()) != entry.content_digest:
            return Result(
                count, f"{where} has been altered: its content no longer matches its hash"
            )
        if chain.link_hash(previous, entry.frame(), entry.content_digest) != entry.hash:
            return Result(
                count, f"{where} has been altered: its content no longer matches its hash"
            )
        if erased:
            claims.setdefault(entry.erasure_seq or 0, []).append((entry.seq, where))
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = ChainHead.objects.filter(pk=head_id).first()
    if head is not None and (head.seq, head.hash) != (count, previous):
        return Result(count, f"the chain should end at {noun} #{head.seq}, but ends at #{count}")
    problem = _unrecorded_erasure(kind, claims)
    erased_count = sum(len(v) for v in claims.values())
    return Result(count, problem, erased=erased_count)


def _unrecorded_erasure(kind: str, claims: dict[int, list[tuple[int, str]]]) -> str | None:
    """The first entry marked erased that no intact erasure entry lists, if any."""
    records = {e.seq: e for e in AuditEntry.objects.filter(seq__in=list(claims))}
    for erasure_seq in sorted(claims):
        record = records.get(erasure_seq)
        listed = set()
        if (
            record is not None
            and record.action == ERASE_ACTION
            and record.erased_at is None
            and chain.content_digest(record.personal()) == record.content_digest
            and isinstance(record.after, dict)
        ):
            listed = set((record.after.get("erased") or {}).get(kind) or [])
        for seq, where in claims[erasure_seq]:
            if seq not in listed or (kind == "audit" and seq >= erasure_seq):
                return f"{where} has been altered: it is marked erased, but no erasure lists it"
    return None
