"""The engine: run every rule over a case and combine what they say.

The decision follows the contract (shared/contract/assess.md):
not_eligible when any rule excludes, whatever else is unknown; otherwise
incomplete when a needed fact is unknown; otherwise authorisation_required
when any authority is needed; otherwise eligible.
"""

from __future__ import annotations

from .case import Case
from .facts import Record
from .pack import Pack
from .records import ALWAYS, WITH_VICTIM
from .rule import EXCLUDES, REQUIRES, Fired, Missing
from .rules import RULES

RANKS = ("sergeant", "inspector", "substantive_inspector", "superintendent")
YJS = "youth_justice_supervisor"
# When several exclusions recommend an outcome, the most serious is recommended,
# except that a child below the age of criminal responsibility cannot be charged.
_SEVERITY = {"no_further_action": 0, "conditional_caution": 1, "charge": 2}


def assess(facts: Record, pack: Pack) -> dict:
    """The assessment of a case's facts under a policy pack, as a JSON-ready dict."""
    c = Case(facts, pack)
    reasons, authorisations, missing, records = [], [], [], []
    rulings: list[str] = []
    excluded, disposals = False, []
    below_age = False

    for r in RULES:
        result = r.fn(c)
        if not result:
            if result.__class__ is Missing:
                missing.extend(result.paths)
            continue
        detail = result.detail if result.__class__ is Fired else ""
        text = f"{r.text} {detail}" if detail else r.text
        reasons.append(
            {
                "code": r.code,
                "paragraph": r.paragraph,
                "effect": r.effect,
                "text": text,
                "sop": r.sop,
                "rulings": list(r.rulings),
                "facts": list(r.uses),
            }
        )
        rulings.extend(r.rulings)
        records.extend(r.records)
        if r.effect == EXCLUDES:
            excluded = True
            disposal = (result.disposal if result.__class__ is Fired else None) or r.disposal
            if disposal:
                disposals.append(disposal)
            below_age = below_age or r.code == "below_age_of_criminal_responsibility"
        elif r.effect == REQUIRES:
            entry = _authorisation(c, r, text, missing)
            if entry is not None:
                authorisations.append(entry)

    if len(authorisations) > 1:
        rulings.append("R3")
    if c.age_at_offence is not None and c.age_at_offence < pack.age_adult and not c.juvenile:
        rulings.append("R14")  # a juvenile at the offence, an adult now: an adult for the SOP

    if excluded:
        decision = "not_eligible"
        if below_age:
            recommended = "no_further_action"
        elif disposals:
            recommended = max(disposals, key=_SEVERITY.__getitem__)
        else:
            recommended = None
    elif missing:
        decision, recommended = "incomplete", None
    else:
        decision = "authorisation_required" if authorisations else "eligible"
        recommended = "community_resolution"

    if c.identifiable_victim:
        records.extend(WITH_VICTIM)
    records.extend(ALWAYS)
    due = c.outcomes_complete_by
    return {
        "policy": pack.policy,
        "policy_version": pack.version,
        "decision": decision,
        "recommended_disposal": recommended,
        "authorisations": authorisations,
        "reasons": reasons,
        "missing": _missing_paths(facts, missing),
        "records_required": list(dict.fromkeys(records)),
        "deadlines": {
            "outcomes_complete_by": due.isoformat() if due is not None else None,
            "parent_guardian_informed_within_hours": (
                pack.parent_guardian_hours if c.juvenile else None
            ),
            "deferred_outcomes_allowed": (None if due is None else facts.assessed_on <= due),
            "victim_contact": (
                ["immediately_after_delivery", "on_conclusion_of_outcomes"]
                if c.identifiable_victim
                else []
            ),
        },
        "interpretations": sorted(set(rulings), key=_ruling_number),
        "authorities_required": _authorities_required(authorisations),
        "assessed_on": facts.assessed_on.isoformat(),
        "policy_effective_from": pack.effective_from.isoformat(),
        "policy_digest": pack.digest,
    }


def _authorisation(c: Case, r, text: str, missing: list) -> dict | None:
    authority = c.pack.authority[r.authority]
    entry = {"authority": authority, "paragraph": r.paragraph, "reason": text, "code": r.code}
    if authority == "sergeant":
        if c.juvenile is None:
            missing.append("offender.date_of_birth")
        elif c.juvenile:
            entry["authority"] = c.pack.authority["juvenile_in_place_of_sergeant"]
            entry["instead_of"] = "sergeant"
            c.substituted.append(r.code)
        elif r.code == "pre_charge_bail_or_rui":
            entry["pse_equivalent_allowed"] = True  # 2.3.4 "(or PSE equivalent)", Ruling R1
    return entry


def _authorities_required(authorisations: list[dict]) -> list[str]:
    """The fewest authorities that satisfy every requirement (Rulings R1, R3)."""
    wanted = {a["authority"] for a in authorisations}
    ranks = [r for r in RANKS if r in wanted]
    return ranks[-1:] + ([YJS] if YJS in wanted else [])


def _missing_paths(facts: Record, paths: list[str]) -> list[str]:
    out: dict[str, None] = {}
    absent = facts.absent
    for path in paths:
        group = path.split(".", 1)[0]
        if group in absent:
            out[group] = None  # the whole group was left out: name it as well
        out[path] = None
    return list(out)


def _ruling_number(rid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in rid if ch.isdigit())
    return (int(digits) if digits else 0, rid)
