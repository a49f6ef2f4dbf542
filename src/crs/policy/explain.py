"""Plain-text renderings for a person: an assessment, and a policy pack."""

from __future__ import annotations

import textwrap
from datetime import date

from .authorities import REQUIREMENTS, WHO
from .pack import Pack, pack_for
from .records import RECORDS
from .rules import BY_CODE, RULES

_DECISION = {
    "eligible": "ELIGIBLE: a community resolution can be given without authorisation.",
    "authorisation_required": "AUTHORISATION REQUIRED before a community resolution.",
    "not_eligible": "NOT ELIGIBLE for a community resolution.",
    "incomplete": "INCOMPLETE: facts the decision needs are not known yet.",
}


# The exclusions that give way to exceptional circumstances (Rulings R5-R7), each with the
# rule whose authority then applies.
_GIVES_WAY = {
    "traffic_offence": "traffic_offence_exceptional",
    "knife_offence": "knife_offence_exceptional",
    "sexual_offence": "sexual_offence_exceptional",
}


def proceeding(assessment: dict, pack: Pack | None = None) -> tuple[list[dict], str]:
    """How an assessment may proceed, as every explanation shows it (Ruling R37): the
    authorisations to present as a way to proceed, and a sentence for a not-eligible case
    whose only exclusions give way to exceptional circumstances (else "").

    A not-eligible case presents no authority: the JSON keeps its `authorisations`, but
    no authority can make it eligible. The exception is an exclusion of R5-R7 when
    exceptional circumstances were not recorded and nothing else stands in the way
    (nothing else excludes, nothing is unknown): then recording them would let the
    authority the force sets (`pack`, default the pack in force) authorise it.
    """
    if assessment["decision"] != "not_eligible":
        return list(assessment["authorisations"]), ""
    excluding = [r["code"] for r in assessment["reasons"] if r["effect"] == "excludes"]
    if assessment["missing"] or not excluding or any(c not in _GIVES_WAY for c in excluding):
        return [], ""

    if pack is None:
        pack = pack_for(date.fromisoformat(assessment["assessed_on"]), assessment["policy"])
    routes = []
    for code in dict.fromkeys(excluding):
        rule = BY_CODE[_GIVES_WAY[code]]
        who = WHO[pack.authority[rule.authority]]
        routes.append(f"{who} may authorise it ({rule.paragraph})")
    return [], "Not eligible as it stands: with exceptional circumstances recorded, " + (
        " and ".join(routes) + "."
    )


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def as_text(a: dict, rulings: dict | None = None, *, pack: Pack | None = None) -> str:
    """An assessment for a person to read; `pack` the one it was made under (default: the
    pack of its policy in force on its date). In words, as every page says it: paragraphs
    and rulings by their numbers, never the engine's codes or the facts' dotted paths (the
    JSON keeps those)."""
    # Cycle: labels reads the questions, which run the engine, which this module serves.
    from .labels import EFFECT_LABELS, humanise, long_date, missing_labels

    if pack is None:
        pack = pack_for(date.fromisoformat(a["assessed_on"]), a["policy"])
    if rulings is None:
        rulings = pack.rulings if pack.version == a["policy_version"] else {}
    out = [_DECISION[a["decision"]]]
    if a["recommended_disposal"]:
        out.append(f"Recommended outcome: {a['recommended_disposal'].replace('_', ' ')}")
    out.append(
        f"Policy {a['policy']} version {a['policy_version']}, "
        f"assessed on {long_date(a['assessed_on'])}."
    )
    if a["reasons"]:
        out.append("\nReasons:")
        for r in a["reasons"]:
            out.append(f"  SOP {r['paragraph']}, {EFFECT_LABELS[r['effect']].lower()}:")
            out.append(_wrap(humanise(r["text"])))
            out.append(_wrap(f"The SOP says: “{r['sop']}”"))
    shown, route = proceeding(a, pack)  # none on a not-eligible case (Ruling R37)
    if shown:
        out.append("\nAuthority needed:")
        for entry in shown:
            out.append(f"  {REQUIREMENTS[entry['authority']]} (SOP {entry['paragraph']})")
            if entry.get("reason"):
                out.append(_wrap(humanise(entry["reason"])))
        out.append(
            "  Satisfied by: " + " and ".join(REQUIREMENTS[x] for x in a["authorities_required"])
        )
    elif a["decision"] == "eligible":
        out.append("\nNo authorisation is needed (SOP 4.2.1).")
    if route:
        out.append("\nExceptional circumstances:")
        out.append(f"  {route}")  # one line, so that the sentence can be found whole
    if a["missing"]:
        out.append("\nStill to find out (the decision needs it):")
        out.extend(f"  {label}" for label in missing_labels(a["missing"]))
    d = a["deadlines"]
    out.append("\nDeadlines:")
    if d["outcomes_complete_by"]:
        out.append(
            f"  Deferred outcomes complete by {long_date(d['outcomes_complete_by'])} (SOP 4.4.4)"
        )
    if d["parent_guardian_informed_within_hours"]:
        out.append(
            f"  Parent or guardian contacted before delivery, or informed within "
            f"{d['parent_guardian_informed_within_hours']} hours (SOP 3.4.3)"
        )
    if d["victim_contact"]:
        out.append(
            "  Victim contacted immediately after delivery and when outcomes conclude (SOP 4.3.5)"
        )
    out.append("\nTo record:")
    for code in a["records_required"]:
        paragraph, text = RECORDS[code]
        out.append(_wrap(f"SOP {paragraph}: {text}", "  "))
    if a["interpretations"]:
        out.append("\nRulings applied (where the SOP is silent or ambiguous):")
        for rid in a["interpretations"]:
            out.append(f"  {ruling_name(rid, rulings)}")
    return "\n".join(out) + "\n"


def ruling_name(rid: str, rulings: dict) -> str:
    """A ruling as people meet it: its number and what it is about ("Ruling R4, on “No
    authority needed”"), never its title alone, which can read as a verdict on the case."""
    ruling = rulings.get(rid)
    return f"Ruling {rid}, on “{ruling.title}”" if ruling else f"Ruling {rid}"


def policy_text(pack: Pack) -> str:
    out = [
        f"{pack.title}",
        f"Policy {pack.policy} version {pack.version}, in force from "
        f"{pack.effective_from.isoformat()}",
        f"Pack: {pack.path} (sha256 {pack.digest[:16]}...)",
        "",
        "Rules, in SOP order:",
    ]
    for r in RULES:
        authority = f" -> {pack.authority[r.authority]}" if r.authority else ""
        rulings = f" ({', '.join(r.rulings)})" if r.rulings else ""
        out.append(f"  {r.paragraph:<6} {r.effect:<23} {r.code}{authority}{rulings}")
    out += [
        "",
        "Values:",
        f"  age of criminal responsibility   {pack.age_criminal_responsibility} (3.4.2)",
        f"  adult from age                   {pack.age_adult} (4.2.2)",
        f"  deferred outcomes within         {pack.outcomes_weeks} weeks of the offence (4.4.4)",
        f"  parent/guardian informed within  {pack.parent_guardian_hours} hours (3.4.3)",
        f"  history window                   {pack.window_months} months (2.4.3, 3.5.1)",
        f"  previous CRs in window excluding {pack.repeat_cr_limit} -> "
        f"{pack.repeat_cr_disposal} (2.4.3, R13)",
        "  cannabis/khat escalation for     "
        + (", ".join(sorted(pack.escalation_substances)) or "(off)")
        + " (2.4.2, R11)",
        f"  hate crime: highest adult score  {pack.hate_crime_max_adult_score} (2.6.1, R19)",
        "",
        "Authorities:",
    ]
    out += [f"  {key:<32} {value}" for key, value in pack.authority.items()]
    out += ["", "Gravity matrices (final score):"]
    for name, m in pack.matrices.items():
        excluded = ", ".join(f"{s}->{d or 'none indicated'}" for s, d in sorted(m.excluded.items()))
        out.append(
            f"  {name}: CR {sorted(m.cr_scores)}; departure (authority) "
            f"{sorted(m.departure_scores)}; excluded {excluded}"
        )
    out += ["", "Community Remedy actions (4.4.4):"]
    out += [
        f"  {x.id:<36} {'instant' if x.instant else 'deferred'}  {x.label}"
        for x in pack.community_remedy
    ]
    out += ["", "Rulings:"]
    out += [f"  {r.id:<4} {r.title} ({', '.join(r.paragraphs)})" for r in pack.rulings.values()]
    return "\n".join(out) + "\n"
