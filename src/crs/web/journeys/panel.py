"""The decision panel: an assessment (the engine's output) laid out for a person.

Decision, recommended disposal, reasons with the SOP paragraph and the SOP's
own words, the authorities needed, the facts still missing, the rulings
applied and the deadlines. The same panel shows the live assessment beside the
questions and the stored one after saving.
"""

from __future__ import annotations

from datetime import date

from crs.policy import PackError, pack_for
from crs.policy.authorities import REQUIREMENTS
from crs.policy.explain import proceeding, ruling_name
from crs.policy.labels import (
    DECISION_LABELS,
    DECISION_TAGS,
    EFFECT_LABELS,
    humanise,
    long_date,
    missing_labels,
)


def panel(assessment: dict, *, questions_left: int | None = None) -> dict:
    a = assessment
    try:
        pack = pack_for(date.fromisoformat(a["assessed_on"]), a["policy"])
        rulings = pack.rulings if pack.version == a["policy_version"] else {}
        shown, route = proceeding(a, pack)  # Ruling R37
    except (KeyError, ValueError, PackError):
        rulings = {}
        shown, route = ([] if a["decision"] == "not_eligible" else a["authorisations"]), ""
    deadlines = a.get("deadlines") or {}
    due = deadlines.get("outcomes_complete_by")
    disposal = a.get("recommended_disposal")
    return {
        "decision": a["decision"],
        "decision_label": DECISION_LABELS[a["decision"]],
        "tag": DECISION_TAGS[a["decision"]],
        "disposal": disposal.replace("_", " ") if disposal else "",
        "policy": f"{a['policy']} version {a['policy_version']}",
        "reasons": [
            {
                "paragraph": r["paragraph"],
                "effect": EFFECT_LABELS.get(r["effect"], r["effect"]),
                "excludes": r["effect"] == "excludes",
                "text": humanise(r["text"]),
                "sop": r.get("sop", ""),
                "rulings": r.get("rulings", []),
            }
            for r in a["reasons"]
        ],
        "authorities": [
            {
                "label": REQUIREMENTS.get(e["authority"], e["authority"]),
                "paragraph": e["paragraph"],
                "reason": humanise(e.get("reason", "")),
            }
            for e in shown
        ],
        "exceptional_route": route,
        # Once a rule excludes, what is still unknown cannot change the decision.
        "missing": [] if a["decision"] == "not_eligible" else missing_labels(a["missing"]),
        "rulings": [ruling_name(r, rulings) for r in a["interpretations"]],
        # An eligible case says so in words: nobody need authorise it (4.2.1).
        "no_authority_needed": a["decision"] == "eligible" and not shown,
        "outcomes_due": long_date(due) if due else "",
        "parent_hours": deadlines.get("parent_guardian_informed_within_hours"),
        "questions_left": questions_left,
    }
