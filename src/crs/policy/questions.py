"""Guided questions: what to ask next, given the facts known so far.

    questions = next_questions(document, today=date(2024, 3, 1))
    document = apply_answer(document, questions[0].field, "yes")

`next_questions` is a pure function of the (partial) facts: it runs the engine
and returns the questions still worth asking, best first. Ask the first one,
apply the answer, and call it again: an answer can make new questions relevant
(a PCSO brings the PCSO questions) or end the interview (an exclusion).

What is asked
    - every fact the engine lists in `missing`;
    - every relevant fact that is not in the document yet, including facts with
      a contract default (offence.knife_or_weapon, offender.vulnerable, ...):
      the default may be wrong, so an interview confirms it. Such questions
      carry `has_default` and `default`; `apply_answer` with an empty answer
      writes the default into the document, so the saved facts say it was
      confirmed and the question is not asked again.
    - `offence.description` is never returned: it does not change the
      decision. A door asks it once, as free text (crs interview asks it first).
      `assessed_on` is not a question either: the door fills it in (today).
Relevance
    drug.* only for category drugs_possession; capacity_confirmed only for a
    vulnerable offender; the victim's consultation, consent and views only for
    a person or organisation; the PCSO questions only for a PCSO (and whether a
    warranted officer investigated only when the power was not designated,
    3.2.2); exceptional_circumstances only for knife, sexual or traffic
    offences; the knife, sexual and traffic flags are not asked when the
    category already implies them, or decides they are false (a theft is no
    sexual offence: crs.policy.derived, which says which and why; apply_answer
    writes those as confirmed); coercive control only for domestic abuse
    ("not domestic abuse" writes it as false). The gravity matrix is never
    asked: it follows from the date of birth (R29); `review` assesses with it
    filled in, and a door writes it into the facts it keeps
    (crs.policy.derived.filled). Which questions share a page: crs.policy.pages.
When to stop
    Nothing is asked once the case is settled as not eligible: some excluding
    reason rests only on facts that were answered. An exclusion that rests on
    an unconfirmed default (a knife offence whose exceptional_circumstances
    was not asked yet) is not settled: those defaults are asked first.
Previous outcomes (a list)
    One question, "offender.previous_outcomes", takes every previous outcome
    found at once, as a comma-separated list of options ("none" for the empty
    list, which the contract reads as "checked, none found"). Each answer
    becomes an item {"outcome": ...}; then each item's date, category and (for
    a drug category) substance are asked, item by item. The list is answered in
    one go because the facts have no way to hold "the list so far, more to
    come": a list that is present is complete.
Order (PRIORITY, below)
    Facts that can exclude come first, cheapest and most often decisive
    first, so a case that is not eligible is found in as few answers as
    possible: the category (it implies knife, sexual, traffic, drugs), the
    dates (age at the offence, R14), the excluded offences (2.3), domestic
    abuse (2.5.2), the status checks (2.3.4), prosecution (R24), acceptance,
    understanding, consent and capacity (3.3, 3.4), the gravity score (3.1.1),
    drug details (2.4), previous outcomes (2.4.2, 2.4.3), hate crime and the
    victim (2.6.1, 4.3.2), the officer (3.2.2); then the facts that only
    change who must authorise (pre-charge bail and RUI, 2.3.4).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import derived
from .engine import assess
from .facts import FACTS, IMPLIED_FLAGS, SCORE_RANGE, FactsError, Field, parse_facts
from .pack import Pack, pack_for

LIST_FIELD = "offender.previous_outcomes"
NONE = "none"  # the list question's answer for "checked, none found"
DRUG_CATEGORIES = ("drugs_possession", "drugs_supply")
_IMPLIED_BY = {f"offence.{flag}": category for category, flag in IMPLIED_FLAGS.items()}


class AnswerError(FactsError):
    """An answer that cannot be used: `path` names the field asked."""


@dataclass(frozen=True, slots=True)
class Question:
    field: str  # dotted path; list items by index: offender.previous_outcomes.0.date
    text: str
    answer_type: str  # bool | date | enum | int | str
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for enum
    paragraph: str = ""
    help: str = ""
    default: Any = None  # the contract default, when has_default
    has_default: bool = False
    needed: bool = False  # the engine lists it in `missing`
    multiple: bool = False  # a comma-separated list of options (the previous outcomes)


@dataclass(frozen=True, slots=True)
class Ask:
    text: str
    paragraph: str
    help: str = ""


# The facts asked, in PRIORITY order (see the module docstring for why). List items are
# keyed with "*" and asked item by item after the list question. Each fact's question is
# declared with the fact (crs.policy.facts.FACTS).
PRIORITY = (
    "offence.category",
    "offence.date",
    "offender.date_of_birth",
    "offence.indictable_only",
    "offence.knife_or_weapon",
    "offence.sexual",
    "offence.traffic",
    "offence.exceptional_circumstances",
    "offence.domestic_abuse",
    "offence.coercive_control",
    "offender.court_order",
    "offender.bail_post_charge",
    "offender.suspended_sentence",
    "offender.wanted_on_warrant",
    "offence.suitable_for_prosecution",
    "offender.accepts_responsibility",
    "offender.lawful_defence_or_mitigation_raised",
    "offender.understands_process",
    "offender.consents",
    "offender.vulnerable",
    "offender.capacity_confirmed",
    "offence.gravity.matrix",
    "offence.gravity.base_score",
    "offence.gravity.final_score",
    "offence.drug.personal_use",
    "offence.drug.substance",
    "offence.drug.class",
    LIST_FIELD,
    LIST_FIELD + ".*.outcome",
    LIST_FIELD + ".*.date",
    LIST_FIELD + ".*.category",
    LIST_FIELD + ".*.substance",
    "offence.hate_crime",
    "victim.kind",
    "victim.consulted",
    "victim.consents",
    "victim.opportunity_to_express_views",
    "officer.role",
    "officer.rj_level1_trained",
    "officer.pcso_designated_power",
    "officer.investigated_by_warranted_officer",
    "offender.pre_charge_bail",
    "offender.released_under_investigation",
)
# Not returned by next_questions (it never changes the decision); a door asks it.
NOT_ASKED = ("offence.description",)

_CATEGORY_LABELS = {
    "theft": "Theft",
    "criminal_damage": "Criminal damage",
    "public_order": "Public order",
    "assault": "Assault",
    "drugs_possession": "Possession of drugs",
    "drugs_supply": "Supply of drugs",
    "weapon_possession": "Possession of a knife or weapon",
    "sexual": "Sexual offence",
    "traffic": "Traffic offence",
    "harassment": "Harassment",
    "fraud": "Fraud",
    "burglary": "Burglary",
    "robbery": "Robbery",
    "animal": "Animal offence",
    "other": "Other",
}
_OUTCOME_LABELS = {
    "community_resolution": "Community resolution",
    "simple_caution": "Simple caution",
    "conditional_caution": "Conditional caution",
    "youth_caution": "Youth caution",
    "youth_conditional_caution": "Youth conditional caution",
    "penalty_notice": "Penalty notice",
    "cannabis_khat_warning": "Cannabis or khat warning",
    "conviction": "Conviction",
}
_SUBSTANCE_LABELS = {"cannabis": "Cannabis", "khat": "Khat", "other": "Another drug"}
# Labels of the options of each enum field, keyed like QUESTIONS.
LABELS: dict[str, dict[str, str]] = {
    "offence.category": _CATEGORY_LABELS,
    "offence.domestic_abuse": {
        "none": "Not domestic abuse",
        "intimate_partner": "Between current or previous intimate partners",
        "apva": "Adolescent to parent violence or abuse (APVA)",
        "sibling": "Between siblings",
        "other_family": "Between other family members",
    },
    "offence.drug.class": {"A": "Class A", "B": "Class B", "C": "Class C"},
    "offence.drug.substance": _SUBSTANCE_LABELS,
    "offence.gravity.matrix": {
        "adult": "Adult matrix (scores 1 to 4)",
        "child": "Child matrix, NPCC 2023 (scores 1 to 5)",
    },
    LIST_FIELD: {NONE: "None found", **_OUTCOME_LABELS},
    LIST_FIELD + ".*.outcome": _OUTCOME_LABELS,
    LIST_FIELD + ".*.category": _CATEGORY_LABELS,
    LIST_FIELD + ".*.substance": _SUBSTANCE_LABELS,
    "victim.kind": {
        "person": "A person",
        "organisation": "An organisation (such as a shop)",
        "state": "The state (no individual victim, such as drugs or public order)",
        "none": "There is no victim",
    },
    "officer.role": {
        "constable": "Police constable",
        "special_constable": "Special constable",
        "pcso": "Police community support officer (PCSO)",
        "police_staff": "Police staff",
    },
}


def _fields(spec: Field, prefix: str = ""):
    for child in spec.children:
        path = f"{prefix}.{child.name}" if prefix else child.name
        yield path, child
        if child.kind == "object":
            yield from _fields(child, path)
        elif child.kind == "list":
            yield from _fields(child, path + ".*")


# Every path of the facts, "*" standing for a list index: the single source of
# each question's type, options and default.
SPECS: dict[str, Field] = dict(_fields(FACTS))
# Each fact's question as FACTS declares it, in the order they are asked.
QUESTIONS: dict[str, Ask] = {
    path: Ask(SPECS[path].question, SPECS[path].paragraph, SPECS[path].hint)
    for path in (*PRIORITY, *NOT_ASKED)
}


def _pattern(path: str) -> str:
    return re.sub(r"\.\d+(?=\.|$)", ".*", path)


# -- what to ask -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Review:
    """The facts so far: their assessment, whether an exclusion is settled, what to ask."""

    assessment: dict
    settled: bool  # not eligible whatever is still to be asked
    questions: list[Question]


def next_questions(document: dict, *, today: date, pack: Pack | None = None) -> list[Question]:
    """The questions still to ask about these partial facts, best first ([] when done).

    Raises FactsError when the facts themselves are not valid.
    """
    return review(document, today=today, pack=pack).questions


def review(document: dict, *, today: date, pack: Pack | None = None) -> Review:
    # The matrix follows from the date of birth (R29): never asked, assessed as the door
    # will write it.
    document = derived.filled(document, today=today)
    facts = parse_facts(document, today=today)
    if pack is None:
        pack = pack_for(facts.assessed_on)
    assessment = assess(facts, pack)
    answered = _answered(document)
    pending: list[str] = []  # unconfirmed defaults that an exclusion rests on
    for reason in assessment["reasons"]:
        if reason["effect"] != "excludes":
            continue
        rests_on = [p for p in reason["facts"] if _has_default(p) and p not in answered]
        if not rests_on:
            return Review(assessment, True, [])
        pending += rests_on
    missing = set(assessment["missing"])
    asks = []
    for path in _ordered_paths(document):
        if path in answered or path in derived.DERIVED:
            continue
        needed = path in missing
        if needed or path in pending or _relevant(path, facts):
            asks.append(question_for(path, document, needed=needed))
    # Leaves the engine needs that no PRIORITY entry covers (a new fact): ask them last.
    known = {q.field for q in asks}
    for path in assessment["missing"]:
        spec = SPECS.get(_pattern(path))
        if spec and spec.kind != "object" and path not in known | answered | set(derived.DERIVED):
            asks.append(question_for(path, document, needed=True))
    asks.sort(key=lambda q: q.field not in pending)  # stable: settle exclusions first
    return Review(assessment, False, asks)


def _has_default(path: str) -> bool:
    spec = SPECS.get(_pattern(path))
    return spec is not None and spec.has_default


def _ordered_paths(document: dict) -> list[str]:
    items = value_at(document, LIST_FIELD) or []
    out = []
    for path in PRIORITY:
        if ".*." in path:
            continue  # asked item by item, after the list itself
        out.append(path)
        if path == LIST_FIELD:
            children = [p for p in PRIORITY if p.startswith(LIST_FIELD + ".*.")]
            for i in range(len(items)):
                out += [p.replace("*", str(i)) for p in children]
    return out


def _answered(document: dict) -> set[str]:
    """The leaf paths with a value in the document, and the flags its category implies or
    decides (crs.policy.derived: never asked)."""
    out = {"assessed_on"}  # a door always supplies it (today by default)

    def walk(value, prefix):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if isinstance(item, dict):
                walk(item, path)
            elif isinstance(item, list):
                out.add(path)
                for i, entry in enumerate(item):
                    if isinstance(entry, dict):
                        walk(entry, f"{path}.{i}")
            elif item is not None:
                out.add(path)

    walk(document, "")
    category = value_at(document, "offence.category")
    out.update(flag for flag, implied in _IMPLIED_BY.items() if implied == category)
    out.update(derived.decided_flags(category))
    out.update(derived.decided_by_domestic_abuse(value_at(document, "offence.domestic_abuse")))
    return out


def _relevant(path: str, f) -> bool:
    o, p = f.offence, f.offender
    if path.startswith("offence.drug."):
        return o.category == "drugs_possession"
    if path == "offence.coercive_control":
        return o.domestic_abuse != "none"  # crs.policy.derived: only within domestic abuse
    if path == "offender.capacity_confirmed":
        return p.vulnerable is True
    if path.startswith("victim.") and path != "victim.kind":
        return f.victim.kind in ("person", "organisation")
    if path == "officer.pcso_designated_power":
        # Not once a warranted officer investigated: it cannot change the decision (R34).
        return f.officer.role == "pcso" and f.officer.investigated_by_warranted_officer is not True
    if path == "officer.investigated_by_warranted_officer":
        # 3.2.2: for a PCSO only "where such power has not been designated"; always for
        # police staff (Ruling R33).
        role = f.officer.role
        return role == "police_staff" or (
            role == "pcso" and f.officer.pcso_designated_power is False
        )
    if path == "offence.exceptional_circumstances":
        return bool(
            o.knife_or_weapon
            or o.sexual
            or o.traffic
            or o.category in ("weapon_possession", "sexual", "traffic")
        )
    if path.endswith(".substance") and path.startswith(LIST_FIELD):
        index = int(path.split(".")[2])
        return p.previous_outcomes[index].category in DRUG_CATEGORIES
    return True


def question_for(path: str, document: dict, *, needed: bool) -> Question:
    """The question that asks the fact at `path` (a dotted path; list items by index), worded
    for this document, whether or not it is still worth asking: a door uses it to ask again
    a fact already answered. `needed`: the engine lists the fact as missing.

    Raises KeyError for a path that is not a fact, IndexError or ValueError for a list item
    that cannot be read from the document.
    """
    pattern = _pattern(path)
    spec = SPECS[pattern]
    ask = QUESTIONS.get(pattern) or Ask(spec.doc, "")
    text, help_text = ask.text, ask.help
    if ".*." in pattern:
        index = int(path.split(".")[2])
        kind = value_at(document, f"{LIST_FIELD}.{index}.outcome") or ""
        text = text.format(n=index + 1, kind=_OUTCOME_LABELS.get(kind, kind).lower())
    if spec.kind == "int" and pattern.startswith("offence.gravity."):
        matrix = value_at(document, "offence.gravity.matrix")
        if matrix in SCORE_RANGE:
            low, high = SCORE_RANGE[matrix]
            help_text = f"{help_text} From {low} to {high} on the {matrix} matrix.".strip()
    return Question(
        field=path,
        text=text,
        answer_type="enum" if spec.kind == "list" else spec.kind,
        options=options(pattern),
        paragraph=ask.paragraph,
        help=help_text,
        default=spec.default if spec.has_default else None,
        has_default=spec.has_default,
        needed=needed,
        multiple=spec.kind == "list",
    )


def options(pattern: str) -> tuple[tuple[str, str], ...]:
    """The (value, label) options of an enum field (or of the previous outcomes list)."""
    spec = SPECS[pattern]
    labels = LABELS.get(pattern, {})
    if spec.kind == "list":
        values = (NONE, *SPECS[pattern + ".*.outcome"].options)
    elif spec.kind == "enum":
        values = spec.options
    else:
        return ()
    return tuple((v, labels.get(v, v.replace("_", " "))) for v in values)


# -- answers ---------------------------------------------------------------------------

_YES, _NO = ("yes", "y", "true"), ("no", "n", "false")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"[+-]?\d+")


def apply_answer(document: dict, field: str, raw_text: str, *, today: date | None = None) -> dict:
    """A copy of `document` with the typed answer to `field` put in; `document` is untouched.

    bool: yes/no, y/n, true/false; date: YYYY-MM-DD; enum: the option's value or
    its number (from 1); int: a whole number; the previous outcomes: options
    separated by commas, or "none". An empty answer gives the field's contract
    default, when it has one. The new facts are checked as a whole (a date of
    birth after the offence, a score out of range), against `today` when
    `assessed_on` is left out. Raises AnswerError naming the field.
    """
    spec = SPECS.get(_pattern(field))
    if spec is None or spec.kind == "object":
        raise AnswerError(field, "is not a fact that can be answered")
    text = raw_text.strip()
    if not text:
        if not spec.has_default:
            raise AnswerError(field, "an answer is needed")
        value = spec.default
    elif spec.kind == "list":
        value = _parse_list(field, text)
    else:
        value = _parse(field, spec, text)
    updated = copy.deepcopy(document)
    _put(updated, field, value)
    if field in ("offence.category", "offence.domestic_abuse"):
        # The saved facts say what the answer decides (crs.policy.derived), as confirmed.
        derived.after_answer(updated, field, value_at(document, field), value)
    elif field in ("offender.date_of_birth", "assessed_on"):
        updated = derived.filled(updated, today=today)
    try:
        parse_facts(updated, today=today or date.max)
    except FactsError as exc:
        if exc.path == field:
            raise AnswerError(field, exc.problem) from None
        if (field, exc.path) == ("offence.date", "offender.date_of_birth"):
            born = date.fromisoformat(str(value_at(updated, exc.path)))
            raise AnswerError(
                field,
                f"must be on or after the offender's date of birth ({born.day} {born:%B %Y})",
            ) from None
        # Said of the answer given, naming the fact it clashes with in words (issue 13: not
        # "that answer makes offender.date_of_birth wrong").
        other = SPECS.get(_pattern(exc.path))
        named = other.label[:1].lower() + other.label[1:] if other and other.label else exc.path
        raise AnswerError(field, f"must agree with the {named}, which {exc.problem}") from None
    return updated


def _parse(field: str, spec: Field, text: str):
    low = text.lower()
    if spec.kind == "bool":
        if low in _YES:
            return True
        if low in _NO:
            return False
        raise AnswerError(field, f"must be yes or no (y/n), got {text!r}")
    if spec.kind == "date":
        if _DATE.fullmatch(text):
            try:
                date.fromisoformat(text)
                return text
            except ValueError:
                pass
        raise AnswerError(field, f"must be a real date written YYYY-MM-DD, got {text!r}")
    if spec.kind == "int":
        if _INT.fullmatch(text):
            return int(text)
        raise AnswerError(field, f"must be a whole number, got {text!r}")
    if spec.kind == "enum":
        return _option(field, options(_pattern(field)), text)
    return text  # str


def _option(field: str, choices: tuple[tuple[str, str], ...], text: str) -> str:
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1][0]
    for value, _label in choices:
        if value.lower() == text.lower():
            return value
    values = ", ".join(v for v, _ in choices)
    raise AnswerError(
        field, f"must be a number from 1 to {len(choices)} or one of {values}; got {text!r}"
    )


def _parse_list(field: str, text: str) -> list[dict]:
    tokens = [t for t in re.split(r"[,\s]+", text) if t]
    if len(tokens) == 1 and tokens[0].lower() in (NONE, "no"):
        return []
    picked = [_option(field, options(_pattern(field)), t) for t in tokens]
    if NONE in picked:
        raise AnswerError(field, "none cannot be given with other outcomes")
    return [{"outcome": kind} for kind in picked]


def value_at(document: dict, path: str):
    """The value at a dotted path of a facts document, or None."""
    value: Any = document
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _put(document: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    here: Any = document
    for i, part in enumerate(parents):
        if isinstance(here, list):
            if not part.isdigit() or int(part) >= len(here):
                raise AnswerError(path, f"there is no item {part} in {'.'.join(parents[:i])}")
            here = here[int(part)]
            continue
        if not isinstance(here.get(part), dict | list):
            here[part] = {}
        here = here[part]
    here[last] = value
