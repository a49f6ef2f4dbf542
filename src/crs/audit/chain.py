"""The hash of an audit entry: plain Python, so verification does not trust the ORM's view.

hash = SHA-256( previous hash + "\n" + canonical JSON of the entry's content )

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


def entry_hash(previous: str, content: dict) -> str:
    return hashlib.sha256(f"{previous}\n{canonical(content)}".encode()).hexdigest()
