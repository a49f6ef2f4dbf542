"""The hash of an audit entry: plain Python, so verification does not trust the ORM's view.

Each entry has two parts. Its frame (number, time, actor, case reference, action) is
never erased; its personal content (for a change: before, after, why; for an access:
what, why) may be, when the case's retention period ends (docs/decisions/0009).

    content_digest = SHA-256( canonical JSON of the personal content )
    hash           = SHA-256( previous hash + "\n" + canonical JSON of frame + digest )

So the chain links frames and digests: erasing an entry's personal content leaves its
digest, its hash and every later hash as they were, and verification can still prove
the frame and the order of every entry, erased or not.

The canonical JSON has sorted keys, no spaces and UTF-8 text; times are UTC in
ISO 8601 with microseconds. The first entry's previous hash is GENESIS.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

GENESIS = "0" * 64


def canonical(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def timestamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def content_of(
    *,
    seq: int,
    at: datetime,
    actor: str,
    case: str,
    action: str,
    before,
    after,
    why: str,
) -> dict:
    return {
        "seq": seq,
        "at": timestamp(at),
        "actor": actor,
        "case": case,
        "action": action,
        "before": before,
        "after": after,
        "why": why,
    }


def content_digest(personal: dict) -> str:
    """The digest of an entry's erasable content."""
    return hashlib.sha256(canonical(personal).encode()).hexdigest()


def link_hash(previous: str, frame: dict, digest: str) -> str:
    """The entry's place in the chain: its frame and content digest after the previous hash."""
    linked = canonical({**frame, "digest": digest})
    return hashlib.sha256(f"{previous}\n{linked}".encode()).hexdigest()
