"""The engine: run every rule over a case and combine what they say.

The decision follows the contract (docs/contract/assess.md):
not_eligible when any rule excludes, whatever else is unknown; otherwise
incomplete when a needed fact is unknown; otherwise authorisation_required
when any authority is needed; otherwise eligible.
"""

from __future__ import annotations

from . import wording
from .authorities import RANKS
from .case import Case
from .facts import Record
from .pack import Pack
from .records import ALWAYS, WITH_VICTIM
from .rule import EXCLUDES, REQUIRES, Fired, Missing
from .rules import RULES

YJS = "youth_justice_supervisor"
# When several exclusions recommend an outcome, the most serious is recommended,
# except that a child below the age of criminal responsibility cannot be charged.
_SEVERITY = {"no_further_action": 0, "conditional_caution": 1, "charge": 2}


# Each topic its bit, in the order the rules name them (crs.policy.rule.Topic).
TOPICS = {
    t: 1 << i for i, t in enumerate(dict.fromkeys(r.topic for r in RULES if r.topic is not None))
}


def _topics_function():
    """`_live_topics(c)`: the topics of rules that can say anything about this case,
    as bits of a mask.

    Each topic's test is the expression its rules declare with it; they are joined
    into one straight-line function (a call per topic would cost the batch), so
    skipping a rule whose topic is not live changes nothing but the time taken (a
    test compares the engine with and without the skipping).
    """
    lines = ["def _live_topics(c):", "    o, p = c.offence, c.offender", "    mask = 0"]
    for t, bit in TOPICS.items():
        lines += [f"    if {t.live}:", f"        mask |= {bit}  # {t.name}"]
    lines.append("    return mask")
    namespace: dict = {}
    exec(compile("\n".join(lines), "<crs.policy.engine topics>", "exec"), namespace)
    return namespace["_live_topics"]


_live_topics = _topics_function()
_ALL = sum(TOPICS.values())
# Each rule's index, function and topic's bit (None: no topic), looked up once: a batch
# meets thousands of masks.
_RUNS = tuple((i, r.fn, None if r.topic is None else TOPICS[r.topic]) for i, r in enumerate(RULES))


def _ruling_key(rid: str) -> tuple[int, str]:
    """Rulings sort by number (R2 before R10); a force's own ids sort after R1-R999."""
    digits = rid[1:]
    return (int(digits) if rid[:1] == "R" and digits.isdigit() else 1000, rid)


# What each rule says when it fires, prepared once for each pack's periods (crs.policy.wording):
# a fired rule's reason is a copy.
_TEMPLATES: dict[tuple, dict[str, dict]] = {}


def templates(pack: Pack) -> dict[str, dict]:
    """Each rule's reason, by code, its text filled from the pack."""
    key = wording.key(pack)
    found = _TEMPLATES.get(key)
    if found is None:
        found = _TEMPLATES[key] = {
            r.code: {
                "code": r.code,
                "paragraph": r.paragraph,
                "effect": r.effect,
                "text": wording.fill(r.text, pack),
                "sop": r.sop,
                "rulings": r.rulings,
                "facts": r.uses,
            }
            for r in RULES
        }
    return found


_RULING_KEYS = {r.code: tuple(_ruling_key(rid) for rid in r.rulings) for r in RULES}
_R3, _R14, _R28, _R29, _R37 = map(_ruling_key, ("R3", "R14", "R28", "R29", "R37"))
# Rulings noted on the case where they decide something (Case.noted): a rule's `notes`,
# and R36 (the Case itself).
NOTED = {rid: _ruling_key(rid) for r in RULES for rid in r.notes} | {"R36": _ruling_key("R36")}
# Every ruling an assessment can name, for the batch's table of them.
ALL_RULING_KEYS = frozenset(
    {k for keys in _RULING_KEYS.values() for k in keys}
    | set(NOTED.values())
    | {_R3, _R14, _R28, _R29, _R37}
)
_STEPS_FOR: dict[int, tuple] = {}


def _steps(mask: int) -> tuple:
    """The rules to run when the topics in `mask` are live, as (index in RULES,
    function) pairs (worked out once per mask)."""
    steps = _STEPS_FOR.get(mask)
    if steps is None:
        steps = _STEPS_FOR[mask] = tuple(
            (i, fn) for i, fn, bit in _RUNS if bit is None or bit & mask
        )
    return steps


def findings(c: Case, *, every_rule: bool = False) -> list:
    """Run the rules over a case: what the ones that said anything said, flat:
    [index in RULES, result, index, result, ...]. A result is a `Missing`, a
    `Fired`, or True (any other value that is neither False nor None).

    The answer is a function of these findings and a few facts of the case
    (`answer`), so the batch can reuse the answer's text for equal findings
    (crs.policy.batch; docs/decisions/0008-engine-speed.md).
    """
    found: list = []
    # The loop is the hot path of `crs assess --batch` (docs/performance.md): most
    # rules answer False or None, so those are tested by identity first.
    for i, fn in _steps(_ALL if every_rule else _live_topics(c)):
        result = fn(c)
        if result is False or result is None:
            continue
        kind = result.__class__
        if kind is not Missing:
            if kind is not Fired:
                result = True
            if c.juvenile and RULES[i].effect == REQUIRES:
                _substitute(c, RULES[i])
        found += (i, result)
    return found


def _substitute(c: Case, r) -> None:
    """Note a Sergeant's authority that goes to the Youth Justice Team Supervisor
    (Ruling R2): the rule of 4.2.2, which comes after every Sergeant-level rule,
    names them."""
    if c.pack.authority[r.authority] == "sergeant" and r.paragraph not in c.substituted:
        c.substituted.append(r.paragraph)


def assess(facts: Record, pack: Pack, *, every_rule: bool = False) -> dict:
    """The assessment of a case's facts under a policy pack, as a JSON-ready dict.

    `every_rule` runs every rule whatever its topic (for the test that the
    skipping of rules off-topic changes nothing).
    """
    c = Case(facts, pack)
    return answer(c, findings(c, every_rule=every_rule))


def adult_for_sop(c: Case) -> bool:
    """A juvenile at the offence and an adult now: an adult for the SOP (Ruling R14)."""
    age = c.age_at_offence
    return age is not None and age < c.pack.age_adult and not c.juvenile


def answer(c: Case, found: list) -> dict:
    """The assessment, from the rules' findings (`findings`) on the case.

    Besides the findings it reads only the pack, `c.juvenile`,
    `c.identifiable_victim`, `adult_for_sop(c)` and `facts.absent`, and for the
    deadlines and dates `c.outcomes_complete_by` and `facts.assessed_on`
    (crs.policy.batch relies on this list).
    """
    facts, pack = c.facts, c.pack
    reasons, authorisations, missing, records = [], [], [], []
    rulings: list[tuple[int, str]] = []
    excluded, disposals = False, []
    pending: list[tuple] = []
    below_age = False
    texts = templates(pack)

    for k in range(0, len(found), 2):
        r, result = RULES[found[k]], found[k + 1]
        if result.__class__ is Missing:
            if r.effect == REQUIRES:
                pending.append((r, result.paths))  # needed only if it could add an authority
            else:
                missing.extend(result.paths)
            continue
        reason = texts[r.code].copy()
        if result.__class__ is Fired and result.detail:
            reason["text"] = f"{reason['text']} {result.detail}"
        reasons.append(reason)
        rulings.extend(_RULING_KEYS[r.code])
        if r.records:
            records.extend(r.records)
        if r.effect == EXCLUDES:
            excluded = True
            disposal = (result.disposal if result.__class__ is Fired else None) or r.disposal
            if disposal:
                disposals.append(disposal)
            below_age = below_age or r.code == "below_age_of_criminal_responsibility"
        elif r.effect == REQUIRES:
            authorisations.append(_authorisation(c, r, reason["text"], missing))

    for r, paths in pending:
        if not _already_required(c, r, authorisations):
            missing.extend(paths)
    if len(authorisations) > 1:
        rulings.append(_R3)
        if has_duplicates(authorisations):
            authorisations = merged(authorisations)
            rulings.append(_R37)
    if adult_for_sop(c):
        rulings += (_R14, _R29)  # R29: the adult matrix, as R14 makes them an adult
    if c.noted:
        rulings.extend(NOTED[rid] for rid in c.noted)

    decision, recommended, cites = decide(excluded, disposals, below_age, missing, authorisations)
    if cites:
        rulings.extend(cites)

    if c.identifiable_victim:
        records.extend(WITH_VICTIM)
        victim_contact = ["immediately_after_delivery", "on_conclusion_of_outcomes"]
    else:
        victim_contact = []
    records.extend(ALWAYS)
    due = c.outcomes_complete_by
    return {
        "policy": pack.policy,
        "policy_version": pack.version,
        "decision": decision,
        "recommended_disposal": recommended,
        "authorisations": authorisations,
        "reasons": reasons,
        "missing": _missing_paths(facts, missing) if missing else missing,
        "records_required": list(dict.fromkeys(records)),
        "deadlines": {
            "outcomes_complete_by": None if due is None else _iso(due),
            "parent_guardian_informed_within_hours": (
                pack.parent_guardian_hours if c.juvenile else None
            ),
            "deferred_outcomes_allowed": None if due is None else facts.assessed_on <= due,
            "victim_contact": victim_contact,
        },
        "interpretations": [rid for _, rid in sorted(set(rulings))] if rulings else [],
        "authorities_required": _authorities_required(authorisations),
        "assessed_on": _iso(facts.assessed_on),
        "policy_effective_from": _iso(pack.effective_from),
        "policy_digest": pack.digest,
    }


_ISO: dict = {}


def _iso(day) -> str:
    """A date as YYYY-MM-DD; a batch has few distinct dates, so each is written once."""
    text = _ISO.get(day)
    if text is None:
        if len(_ISO) > 50_000:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
    return text


def decide(
    excluded: bool, disposals: list, below_age: bool, missing: list, authorisations: list
) -> tuple[str, str | None, tuple]:
    """The decision, the disposal recommended, and the rulings that deciding cites
    (as keys): the one step `answer` and the batch (crs.policy.batch) share."""
    if excluded:
        cites = ()
        if len(disposals) > 1 and len(set(disposals)) > 1:
            cites = (_R28,)
        if authorisations:
            cites += (_R37,)  # kept in the JSON, never shown as a way to proceed
        return "not_eligible", recommend(disposals, below_age), cites
    if missing:
        return "incomplete", None, ()
    if authorisations:
        return "authorisation_required", "community_resolution", ()
    return "eligible", "community_resolution", ()


def recommend(disposals: list[str], below_age: bool) -> str | None:
    """The one disposal recommended when rules exclude (Ruling R28): no further action
    below the age of criminal responsibility, else the most serious recommended."""
    if below_age:
        return "no_further_action"
    if disposals:
        return max(disposals, key=_SEVERITY.__getitem__)
    return None


def has_duplicates(authorisations: list[dict]) -> bool:
    keys = [(a["authority"], a["paragraph"]) for a in authorisations]
    return len(set(keys)) < len(keys)


def merged(authorisations: list[dict]) -> list[dict]:
    """One entry per authority and paragraph (Ruling R37): the first rule's entry, with
    a reason that covers every rule's and `codes` naming them all."""
    out: dict[tuple, dict] = {}
    for a in authorisations:
        key = (a["authority"], a["paragraph"])
        first = out.get(key)
        if first is None:
            out[key] = a
            continue
        if "codes" not in first:
            first = out[key] = dict(first, codes=[first["code"]])
        first["reason"] = f"{first['reason']} {a['reason']}"
        first["codes"].append(a["code"])
    return list(out.values())


def _authorisation(c: Case, r, text: str, missing: list) -> dict:
    authority = c.pack.authority[r.authority]
    entry = {"authority": authority, "paragraph": r.paragraph, "reason": text, "code": r.code}
    if authority == "sergeant":
        if c.juvenile is None:
            missing.append("offender.date_of_birth")
        elif c.juvenile:
            entry["authority"] = c.pack.authority["juvenile_in_place_of_sergeant"]
            entry["instead_of"] = "sergeant"  # noted on the case by `findings`
        elif r.code == "pre_charge_bail_or_rui":
            entry["pse_equivalent_allowed"] = True  # 2.3.4 "(or PSE equivalent)", Ruling R1
    return entry


def _already_required(c: Case, r, authorisations: list[dict]) -> bool:
    """Whether an authorisation rule that cannot be decided would add nothing: the
    authority it could require is already required (or a higher rank is, Ruling R1).
    Then the unknown fact does not change the decision, and is not `missing`."""
    authority = c.pack.authority[r.authority]
    if authority == "sergeant":
        if c.juvenile is None:
            return False
        if c.juvenile:
            authority = c.pack.authority["juvenile_in_place_of_sergeant"]
    wanted = {a["authority"] for a in authorisations}
    if authority not in RANKS:
        return authority in wanted
    needed = RANKS.index(authority)
    return any(a in RANKS and RANKS.index(a) >= needed for a in wanted)


def _authorities_required(authorisations: list[dict]) -> list[str]:
    """The fewest authorities that satisfy every requirement (Rulings R1, R3)."""
    if not authorisations:
        return []
    wanted = {a["authority"] for a in authorisations}
    ranks = [r for r in RANKS if r in wanted]
    return ranks[-1:] + ([YJS] if YJS in wanted else [])


def _missing_paths(facts: Record, paths: list[str]) -> list[str]:
    """Each unknown fact once, in the order found; a group left out is named too."""
    absent = facts.absent
    if not absent:
        return list(dict.fromkeys(paths))
    out: dict[str, None] = {}
    for path in paths:
        group = path.split(".", 1)[0]
        if group in absent:
            out[group] = None  # the whole group was left out: name it as well
        out[path] = None
    return list(out)
