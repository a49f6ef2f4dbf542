"""Which SOP paragraph (sections 2 to 4) is applied where, and where each ruling is applied.

Every numbered paragraph of SOP sections 2, 3 and 4 has a status:

- ``implemented``: rules cite it (derived from `crs.policy.rules.RULES`), records cite it
  (derived from `crs.policy.records.RECORDS`), rules of another paragraph apply it
  (`ALSO`), or the engine applies it outside any rule (`ENGINE`);
- ``informational``: it explains or guides and sets no condition that could be checked;
- ``not_applicable``: it sets a duty outside what crs decides (work done after the
  decision, or in another system).

Only `PARAGRAPHS`, `ALSO`, `ENGINE`, `NOT_IMPLEMENTED`, `REMARKS` and `RULING_ENGINE` are
written by hand; the rules and records are read from the code, so the map cannot claim a
rule that does not exist. tests/test_docs.py checks the map against the SOP text itself.

The SOP prints some numbers with a trailing dot ("3.5.3.", "4.2.1.") and numbers two
paragraphs 4.4.4: the second is keyed "4.4.4 (second)". It has no paragraph 3.4.4.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .records import RECORDS
from .rules import RULES

IMPLEMENTED = "implemented"
INFORMATIONAL = "informational"
NOT_APPLICABLE = "not_applicable"
UNMAPPED = "unmapped"  # a paragraph the map says nothing about (a test forbids it)

SECOND = " (second)"  # suffix of the second paragraph printed with a number already used

# Every numbered paragraph of SOP sections 2-4, in the SOP's order.
PARAGRAPHS = (
    "2.1.1",
    "2.1.2",
    "2.1.3",
    "2.1.4",
    "2.2.1",
    "2.3.1",
    "2.3.2",
    "2.3.3",
    "2.3.4",
    "2.4.1",
    "2.4.2",
    "2.4.3",
    "2.4.4",
    "2.5.1",
    "2.5.2",
    "2.6.1",
    "3.1.1",
    "3.2.1",
    "3.2.2",
    "3.3.1",
    "3.3.2",
    "3.3.3",
    "3.4.1",
    "3.4.2",
    "3.4.3",
    "3.4.5",
    "3.5.1",
    "3.5.2",
    "3.5.3",
    "4.1.1",
    "4.2.1",
    "4.2.2",
    "4.2.3",
    "4.3.1",
    "4.3.2",
    "4.3.3",
    "4.3.4",
    "4.3.5",
    "4.4.1",
    "4.4.2",
    "4.4.3",
    "4.4.4",
    "4.4.4" + SECOND,
    "4.4.5",
    "4.5.1",
    "4.5.2",
    "4.5.3",
    "4.5.4",
    "4.6.1",
)


@dataclass(frozen=True, slots=True)
class Engine:
    """Behaviour outside any rule: `where` is the dotted name of the code that does it."""

    where: str
    what: str


# Paragraphs applied by rules that cite another paragraph (the rule is listed once, under
# its own paragraph, in RULES).
ALSO: dict[str, tuple[str, ...]] = {
    # "not to divert where it is appropriate to prosecute"
    "2.1.2": ("suitable_for_prosecution",),
    # "low level offences where there are no aggravating factors": the matrix decides (R21)
    "2.2.1": ("gravity_score_excludes", "gravity_score_departure"),
    # the list names knife crime and sexual offences; 2.3.2 and 2.3.3 say how
    "2.3.1": ("knife_offence", "sexual_offence"),
    # "the offence is one that would not be suitable for prosecution before the Court" (R24)
    "3.2.1": ("suitable_for_prosecution",),
    # the history's relevance and recency: the authority rules of 3.5.2 and 3.5.3 (R12)
    "3.5.1": ("previous_sanction_adult", "previous_sanction_juvenile"),
    # criterion 2, previous sanctions (R12); criterion 4, court prosecution (R24)
    "4.2.1": ("previous_sanction_adult", "previous_sanction_juvenile", "suitable_for_prosecution"),
    # "the differing levels of authorisation for DA, sexual offences, knife crime, hate
    # crime, traffic and where the victim does not consent"
    "4.2.2": (
        "non_intimate_domestic_abuse",
        "sexual_offence_exceptional",
        "knife_offence_exceptional",
        "hate_crime",
        "traffic_offence_exceptional",
        "victim_consent_not_secured",
    ),
    # "in the absence of an identifiable victim" needs authority all the same (R4)
    "4.3.2": ("no_identifiable_victim",),
}

ENGINE: dict[str, tuple[Engine, ...]] = {
    "2.1.3": (
        Engine(
            "crs.policy.engine.recommend",
            "Where rules exclude a CR, the one alternative recommended among those they name: "
            "charge > conditional caution > no further action, or no further action below "
            "the age of criminal responsibility (Ruling R28).",
        ),
    ),
    "2.1.4": (
        Engine(
            "crs.policy.engine.RANKS",
            "Ranks sergeant < inspector < substantive inspector < superintendent; the "
            "fewest authorities that satisfy every requirement are listed (Ruling R1).",
        ),
    ),
    "3.4.3": (
        Engine(
            "crs.policy.engine.assess",
            "deadlines.parent_guardian_informed_within_hours: the pack's "
            "parent_guardian_hours (24) for an offender under 18 (Ruling R26).",
        ),
    ),
    "4.2.2": (
        Engine(
            "crs.policy.engine._authorisation",
            "For an offender under 18 a Sergeant-level authority is required from the "
            "Youth Justice Team Supervisor instead (Ruling R2).",
        ),
        Engine(
            "crs.policy.engine._authorities_required",
            "Every authority required is listed; the highest rank satisfies the lower ones, "
            "the Youth Justice Team Supervisor only that role (Rulings R1, R3).",
        ),
    ),
    "4.3.5": (
        Engine(
            "crs.policy.engine.assess",
            "deadlines.victim_contact: immediately after delivery and on conclusion of the "
            "outcomes, when there is an identifiable victim.",
        ),
    ),
    "4.4.4": (
        Engine(
            "crs.policy.engine.assess",
            "deadlines.outcomes_complete_by: the offence date plus the pack's outcomes_weeks "
            "(16); deadlines.deferred_outcomes_allowed (Ruling R25).",
        ),
        Engine(
            "crs.policy.pack.Pack.community_remedy",
            "The potential actions, each marked instant or deferred.",
        ),
    ),
}

# Paragraphs no rule, record or engine behaviour applies, and why.
NOT_IMPLEMENTED: dict[str, tuple[str, str]] = {
    "2.1.1": (INFORMATIONAL, "Describes the SOP's purpose."),
    "2.5.1": (
        INFORMATIONAL,
        "Explains why CRs are rarely appropriate in domestic abuse; the limits are set in 2.5.2.",
    ),
    "4.3.1": (
        INFORMATIONAL,
        "States the force's restorative approach; whether a restorative process was used is "
        "recorded by the checklist of 4.5.3.",
    ),
    "4.4.1": (
        INFORMATIONAL,
        "Guidance on what outcomes should aim at (repairing harm, rehabilitation, safety); "
        "a matter for the officer's judgement, not a condition of eligibility.",
    ),
    "4.4.2": (
        INFORMATIONAL,
        "Describes the Community Remedy document under the Anti-social Behaviour, Crime and "
        "Policing Act 2014; the force's list of actions is the pack's community_remedy.",
    ),
    "4.4.4" + SECOND: (
        NOT_APPLICABLE,
        "How and when the resolution is delivered, and referral to the Restorative Justice "
        "Officer by email; it sets no condition of eligibility.",
    ),
    "4.4.5": (
        NOT_APPLICABLE,
        "The officer in the case monitors the actions after delivery and keeps those involved "
        "informed; a duty after the decision.",
    ),
    "4.5.2": (
        NOT_APPLICABLE,
        "How the 1912 is scanned, attached in Athena and tasked to IMU: a procedure of the "
        "force's records systems.",
    ),
    "4.5.4": (
        NOT_APPLICABLE,
        "Quality assurance by the IMU Investigative Standards Team after the event.",
    ),
}

# What an implemented paragraph asks that crs does not check, said next to its status.
REMARKS: dict[str, str] = {
    "2.1.4": "That compliance is mandatory is a statement, not a check.",
    "3.2.1": "Whether the investigation meets current investigative standards is not assessed.",
}

# Rulings applied outside any rule (rules name the rulings they apply in `rulings=`).
RULING_ENGINE: dict[str, tuple[Engine, ...]] = {
    "R1": (
        Engine(
            "crs.policy.engine._authorities_required",
            "Orders the ranks (engine.RANKS) and keeps the highest rank required.",
        ),
        Engine(
            "crs.policy.engine._authorisation",
            "Marks the 2.3.4 authority as open to a PSE equivalent.",
        ),
    ),
    "R2": (
        Engine(
            "crs.policy.engine._authorisation",
            "Puts the Youth Justice Team Supervisor in place of each Sergeant-level authority "
            "for an offender under 18.",
        ),
    ),
    "R3": (
        Engine(
            "crs.policy.engine.assess",
            "Lists every authorisation, and names R3 when there are several.",
        ),
        Engine(
            "crs.policy.engine._authorities_required",
            "The fewest authorities that satisfy them all.",
        ),
    ),
    "R14": (
        Engine(
            "crs.policy.case.Case",
            "Age at the offence date for criminal responsibility; age on the assessment date "
            "for 'juvenile'.",
        ),
        Engine(
            "crs.policy.engine.assess",
            "Names R14 when the offender was under 18 at the offence but is an adult now.",
        ),
    ),
    "R21": (
        Engine(
            "crs.policy.facts.parse_facts",
            "Refuses scores outside the matrix's range, or a final score more than one from "
            "the base score.",
        ),
    ),
    "R27": (
        Engine(
            "crs.policy.questions.QUESTIONS",
            "Asks whether the offence is suitable for prosecution in 4.2.1's words, with a hint "
            "that evidence enough to charge does not make it so.",
        ),
    ),
    "R28": (
        Engine(
            "crs.policy.engine.recommend",
            "One recommended disposal when several exclusions recommend different ones; "
            "names R28 then.",
        ),
    ),
    "R29": (
        Engine(
            "crs.policy.facts.parse_facts",
            "Refuses a case scored on the adult matrix for an offender under 18 on the "
            "assessment date, or on the child matrix for one of 18 or over "
            "(offence.gravity.matrix), once the date of birth is valid.",
        ),
        Engine(
            "crs.policy.engine.assess",
            "Names R29 (with R14) for an offender under 18 at the offence and an adult now: "
            "the adult matrix applies.",
        ),
    ),
    "R36": (
        Engine(
            "crs.policy.case.Case",
            "A birthday on 29 February falls on 1 March in other years; names R36 when an age "
            "is judged on 28 February of such a year, the one day it decides.",
        ),
    ),
    "R37": (
        Engine(
            "crs.policy.engine.merged",
            "One authorisation per authority and paragraph, its reason covering every rule "
            "that asked for it (`codes` names them); names R37 then.",
        ),
        Engine(
            "crs.policy.explain.proceeding",
            "Shows no authority as a way to proceed with a not-eligible case, save the "
            "exceptional circumstances route of Rulings R5-R7; names R37 on a not-eligible "
            "assessment that lists authorisations.",
        ),
    ),
    "R22": (
        Engine(
            "crs.policy.gravity.load_matrix",
            "A force loads its own matrix from CSV; the shipped sample is labelled "
            "ILLUSTRATIVE wherever it is shown.",
        ),
    ),
    "R25": (
        Engine(
            "crs.policy.engine.assess",
            "deadlines.outcomes_complete_by and deadlines.deferred_outcomes_allowed.",
        ),
    ),
    "R26": (
        Engine(
            "crs.policy.engine.assess",
            "deadlines.parent_guardian_informed_within_hours for an offender under 18.",
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """A ruling applied outside the decision engine: `where` says by what, `sop` quotes the
    paragraph it reads."""

    where: str
    what: str
    sop: str


# Rulings of the case workflow (crs.cases), not of the decision: declared here so that the
# assessment, the documents and docs/policy.md can name them.
RULING_ELSEWHERE: dict[str, Elsewhere] = {
    "R38": Elsewhere(
        "the case workflow (crs.cases.services)",
        "Nobody authorises an assessment they made, or whose facts they recorded or changed, "
        "nor a case on which they are the officer in the case.",
        "by the authorising supervisor using their login to provide an audit trail for the "
        "decision",
    ),
    "R39": Elsewhere(
        "the case workflow (crs.cases.services)",
        "On a case the officer facts are read from the delivering officer's record in crs, "
        "never from facts typed or sent; a bare assessment takes those it is given.",
        "Police Community Support Officers (PCSOs) seeking to deal with a crime using a "
        "community resolution may do so where they have the power for the offence designated "
        "by the Chief Constable",
    ),
}


@dataclass(frozen=True, slots=True)
class Coverage:
    paragraph: str  # "2.3.1", or "4.4.4 (second)"
    status: str
    why: str  # informational / not applicable: why; implemented: what is not checked
    rules: tuple[str, ...]  # codes of the rules that cite this paragraph, in SOP order
    also: tuple[str, ...]  # codes of rules citing another paragraph that apply this one
    records: tuple[str, ...]  # codes of the records that cite this paragraph
    engine: tuple[Engine, ...]


@dataclass(frozen=True, slots=True)
class RulingCoverage:
    id: str
    rules: tuple[str, ...]  # codes of the rules that name the ruling (always, or as `notes`)
    engine: tuple[Engine, ...]
    elsewhere: Elsewhere | None = None

    @property
    def applied(self) -> bool:
        return bool(self.rules or self.engine or self.elsewhere)


def paragraph_of(number: str) -> str:
    """The map's key for a paragraph number as a rule or record cites it."""
    return number.rstrip(".")  # a citation of 4.4.4 means the first one (the 16 weeks)


def coverage() -> tuple[Coverage, ...]:
    """The coverage map, one entry per paragraph of `PARAGRAPHS`, in SOP order."""
    rules: dict[str, list[str]] = {}
    for r in RULES:
        rules.setdefault(paragraph_of(r.paragraph), []).append(r.code)
    records: dict[str, list[str]] = {}
    for code, (paragraph, _text) in RECORDS.items():
        records.setdefault(paragraph_of(paragraph), []).append(code)
    out = []
    for key in PARAGRAPHS:
        here = tuple(rules.get(key, ()))
        also, recs, engine = ALSO.get(key, ()), tuple(records.get(key, ())), ENGINE.get(key, ())
        if key in NOT_IMPLEMENTED:
            status, why = NOT_IMPLEMENTED[key]
        elif here or also or recs or engine:
            status, why = IMPLEMENTED, REMARKS.get(key, "")
        else:
            status, why = UNMAPPED, ""
        out.append(Coverage(key, status, why, here, also, recs, engine))
    return tuple(out)


def rulings(ids: Iterable[str]) -> tuple[RulingCoverage, ...]:
    """Where each ruling of `ids` is applied: the rules that name it, and the engine."""
    return tuple(
        RulingCoverage(
            rid,
            tuple(r.code for r in RULES if rid in r.rulings or rid in r.notes),
            RULING_ENGINE.get(rid, ()),
            RULING_ELSEWHERE.get(rid),
        )
        for rid in ids
    )


# A numbered line of the SOP: "2.3.1 ", "3.5.3. ", "3.2. " (a heading), "5. " (a section).
_NUMBERED = re.compile(r"^(\d+)\.(?:(\d+)(?:\.(\d+))?\.?)?[ \t]", re.M)


def sop_paragraphs(text: str) -> dict[str, str]:
    """The three-level paragraphs of an SOP text, keyed as in `PARAGRAPHS`, in order.

    A paragraph runs from its number to the next numbered line (paragraph, heading or
    section), so its unnumbered lines and bullets belong to it. Each text is given with
    its whitespace folded to single spaces, without its number.
    """
    found: dict[str, str] = {}
    heads = list(_NUMBERED.finditer(text))
    for i, m in enumerate(heads):
        if m.group(3) is None:
            continue  # a heading ("3.2. Evidential standard") or a section ("5. ...")
        key = f"{m.group(1)}.{m.group(2)}.{m.group(3)}"
        if key in found:
            key += SECOND
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        found[key] = " ".join(text[m.end() : end].split())
    return found
