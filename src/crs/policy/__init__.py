"""crs.policy: the Community Resolution decision engine (pure Python, no Django).

    from crs.policy import assess_document
    assessment = assess_document(json.loads(text))

Everything a door needs is here: parse the facts, pick the policy pack in
force on the assessment date, run the rules.
"""

from __future__ import annotations

from datetime import date

from .engine import assess
from .facts import FactsError, parse_facts
from .pack import Pack, PackError, load_pack, pack_for

__all__ = [
    "FactsError",
    "Pack",
    "PackError",
    "assess",
    "assess_document",
    "load_pack",
    "pack_for",
    "parse_facts",
]


def assess_document(
    document, *, today: date | None = None, pack: Pack | None = None, policy: str | None = None
) -> dict:
    """Assess decoded JSON facts. Raises FactsError for facts that are not valid.

    `today` stands in for `assessed_on` when the facts leave it out; `pack`
    forces a policy pack, otherwise the pack of `policy` (default O32g) in
    force on `assessed_on` is used.
    """
    facts = parse_facts(document, today=today or date.today())
    if pack is None:
        pack = pack_for(facts.assessed_on, policy) if policy else pack_for(facts.assessed_on)
    return assess(facts, pack)
