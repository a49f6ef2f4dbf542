"""The case facts: their shape, and the parser that turns JSON into them.

The shape is declared once, as data (`FACTS`), and everything else is derived
from it: the fast parser used by every door, the pydantic models and JSON
Schema (`crs.policy.schema`), and the guided questions. The parser is plain
Python rather than pydantic because `crs assess` must start in well under the
time pydantic takes to build models (docs/decisions/0002-facts-parser.md).

A key that is left out is *unknown* (held as ``None``) unless the field has a
default. Unknown keys anywhere, wrong types and impossible values raise
`FactsError`, which names the field by its dotted path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

CATEGORIES = (
    "theft",
    "criminal_damage",
    "public_order",
    "assault",
    "drugs_possession",
    "drugs_supply",
    "weapon_possession",
    "sexual",
    "traffic",
    "harassment",
    "fraud",
    "burglary",
    "robbery",
    "animal",
    "other",
)
OUTCOME_KINDS = (
    "community_resolution",
    "simple_caution",
    "conditional_caution",
    "youth_caution",
    "youth_conditional_caution",
    "penalty_notice",
    "cannabis_khat_warning",
    "conviction",
)
DOMESTIC_ABUSE = ("none", "intimate_partner", "apva", "sibling", "other_family")
VICTIM_KINDS = ("person", "organisation", "state", "none")
OFFICER_ROLES = ("constable", "special_constable", "pcso", "police_staff")
SUBSTANCES = ("cannabis", "khat", "other")
DRUG_CLASSES = ("A", "B", "C")
MATRICES = ("adult", "child")
# Score ranges of the two gravity matrices (Ruling R21).
SCORE_RANGE = {"adult": (1, 4), "child": (1, 5)}
# The adult matrix from this age on the assessment date, the child matrix under it (R29).
ADULT_MATRIX_AGE = 18


def years_between(born: date, on: date) -> int:
    """Whole years of age on `on`: every age crs counts (crs.policy.ages gives it to all).

    Ruling R36: someone born on 29 February has their birthday on 1 March in a year
    with no 29 February; comparing (month, day) does exactly that, since 28 February
    comes before (2, 29) and 1 March after it.
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


_NO_DEFAULT = object()


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the case facts.

    `kind` is bool, int, date, str, enum, object or list (of `children`
    objects). A field with no default is unknown when left out.
    """

    name: str
    kind: str
    doc: str
    options: tuple[str, ...] = ()
    default: Any = _NO_DEFAULT
    children: tuple[Field, ...] = ()
    required: bool = False  # must be present when its parent is (list items only)
    # How a person meets the fact: its name on a page, and the question that asks it (with
    # the SOP paragraph and a hint). Every fact has a label, every answerable one a question
    # (the doors fill in assessed_on): crs.policy.questions and the pages read them here.
    label: str = ""
    question: str = ""
    paragraph: str = ""
    hint: str = ""

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT


def _f(name, kind, doc, **kw) -> Field:
    return Field(name, kind, doc, **kw)


FACTS = _f(
    "",
    "object",
    "The facts of one case, as the officer knows them.",
    children=(
        _f(
            "assessed_on",
            "date",
            "The date of the assessment; today when left out.",
            label="Assessment date",
        ),
        _f(
            "offence",
            "object",
            "The offence being resolved.",
            children=(
                _f(
                    "date",
                    "date",
                    "The date of the offence.",
                    label="Date of the offence",
                    question="On what date was the offence committed?",
                    paragraph="3.4.2, 4.4.4",
                    hint=(
                        "Age is judged on this date (Ruling R14); outcomes must be complete "
                        "16 weeks after it."
                    ),
                ),
                _f(
                    "description",
                    "str",
                    "A short free-text description.",
                    label="Description of the offence",
                    question="Describe the offence in a few words.",
                    paragraph="4.5.1",
                ),
                _f(
                    "category",
                    "enum",
                    "The kind of offence.",
                    options=CATEGORIES,
                    label="Kind of offence",
                    question="What kind of offence is it?",
                    paragraph="2.2.1",
                    hint=(
                        "Weapon possession, sexual, traffic and drug offences bring their own "
                        "rules (2.3, 2.4)."
                    ),
                ),
                _f(
                    "indictable_only",
                    "bool",
                    "Triable only on indictment.",
                    default=False,
                    label="Indictable only",
                    question="Is the offence triable only on indictment (indictable only)?",
                    paragraph="2.3.3",
                ),
                _f(
                    "knife_or_weapon",
                    "bool",
                    "A knife or weapon offence; true for category weapon_possession.",
                    default=False,
                    label="Knife or weapon involved",
                    question="Did the offence involve a knife or other weapon?",
                    paragraph="2.3.2",
                ),
                _f(
                    "sexual",
                    "bool",
                    "A sexual offence; true for category sexual.",
                    default=False,
                    label="Sexual offence",
                    question="Is it a sexual offence?",
                    paragraph="2.3.3",
                ),
                _f(
                    "traffic",
                    "bool",
                    "A traffic offence; true for category traffic.",
                    default=False,
                    label="Traffic offence",
                    question="Is it a traffic offence?",
                    paragraph="2.3.1",
                    hint="Traffic offences often carry endorsements.",
                ),
                _f(
                    "hate_crime",
                    "bool",
                    "Recorded as a hate crime.",
                    default=False,
                    label="Hate crime",
                    question="Is the offence recorded as a hate crime?",
                    paragraph="2.6.1",
                ),
                _f(
                    "domestic_abuse",
                    "enum",
                    "The domestic abuse relationship, if any.",
                    options=DOMESTIC_ABUSE,
                    default="none",
                    label="Domestic abuse",
                    question="Is this domestic abuse? If so, between whom?",
                    paragraph="2.5.2",
                    hint=(
                        "Intimate partner abuse is never eligible; other family abuse needs a "
                        "substantive Inspector."
                    ),
                ),
                _f(
                    "coercive_control",
                    "bool",
                    "Coercion and control are present.",
                    default=False,
                    label="Coercion or control",
                    question="Is there coercion or control?",
                    paragraph="2.5.2",
                ),
                _f(
                    "drug",
                    "object",
                    "The drug possessed; only for category drugs_possession.",
                    children=(
                        _f(
                            "class",
                            "enum",
                            "The drug's class.",
                            options=DRUG_CLASSES,
                            label="Class of drug",
                            question="What class is the drug?",
                            paragraph="2.4.1",
                        ),
                        _f(
                            "substance",
                            "enum",
                            "The substance.",
                            options=SUBSTANCES,
                            label="Drug",
                            question="Which drug was it?",
                            paragraph="2.4.2",
                        ),
                        _f(
                            "personal_use",
                            "bool",
                            "The quantity is consistent with personal use.",
                            label="Quantity consistent with personal use",
                            question="Is the quantity of the drug consistent with personal use?",
                            paragraph="2.4.1",
                        ),
                    ),
                    label="Drug details",
                ),
                _f(
                    "exceptional_circumstances",
                    "bool",
                    "The officer asserts exceptional circumstances.",
                    default=False,
                    label="Exceptional circumstances",
                    question=(
                        "Are there exceptional circumstances, which you will record, for "
                        "considering a community resolution all the same?"
                    ),
                    paragraph="2.3.1, 2.3.2, 2.3.3",
                    hint=(
                        "Knife, sexual and traffic offences are excluded unless there are "
                        "exceptional circumstances; then an Inspector (knife, traffic) or a "
                        "Superintendent (sexual) must authorise, with the public interest in "
                        "the rationale."
                    ),
                ),
                _f(
                    "suitable_for_prosecution",
                    "bool",
                    "The circumstances and severity of the offence are such that it should "
                    "result in a court prosecution (4.2.1, Ruling R27); evidence enough to "
                    "charge does not make it so.",
                    default=False,
                    label="Suitable for prosecution",
                    question=(
                        "Are the circumstances and severity of the offence such that it should "
                        "result in a court prosecution?"
                    ),
                    paragraph="4.2.1, 2.3.4, 3.2.1",
                    hint=(
                        "A judgement on seriousness and the public interest (Ruling R27). "
                        "Having evidence enough to charge does not make it so: every community "
                        "resolution needs that evidence and an admission."
                    ),
                ),
                _f(
                    "gravity",
                    "object",
                    "The gravity matrix score and how it was reached.",
                    children=(
                        _f(
                            "matrix",
                            "enum",
                            "Which matrix: adult (1-4) for an offender 18 or over on "
                            "assessed_on, child (1-5) under 18 (Ruling R29).",
                            options=MATRICES,
                            label="Gravity matrix",
                            question="Which gravity matrix are you using?",
                            paragraph="3.1.1",
                            hint=(
                                "The adult matrix for an offender of 18 or over on the date of the "
                                "assessment, the child matrix under 18 (Ruling R29)."
                            ),
                        ),
                        _f(
                            "base_score",
                            "int",
                            "The offence's score in the matrix.",
                            label="Gravity base score",
                            question="What is the offence's score in the gravity matrix?",
                            paragraph="3.1.1",
                            hint="Before aggravating and mitigating factors.",
                        ),
                        _f(
                            "final_score",
                            "int",
                            "The score after aggravating and mitigating factors.",
                            label="Final gravity score",
                            question=(
                                "What is the final gravity score, after aggravating and mitigating "
                                "factors?"
                            ),
                            paragraph="3.1.1",
                            hint="Within one of the base score (Ruling R21).",
                        ),
                    ),
                    label="Gravity score",
                ),
            ),
            label="Offence",
        ),
        _f(
            "offender",
            "object",
            "The person who committed the offence.",
            children=(
                _f(
                    "date_of_birth",
                    "date",
                    "The offender's date of birth.",
                    label="Offender's date of birth",
                    question="What is the offender's date of birth?",
                    paragraph="3.4.2, 4.2.2",
                ),
                _f(
                    "accepts_responsibility",
                    "bool",
                    "Clearly understands the offence and fully accepts responsibility.",
                    label="Offender accepts responsibility",
                    question=(
                        "Does the offender clearly understand the offence put to them and fully "
                        "accept responsibility for it?"
                    ),
                    paragraph="3.3.1",
                ),
                _f(
                    "lawful_defence_or_mitigation_raised",
                    "bool",
                    "A lawful defence or mitigation was raised.",
                    default=False,
                    label="Lawful defence or mitigation raised",
                    question="Has the offender raised a lawful defence or mitigation?",
                    paragraph="3.3.1",
                ),
                _f(
                    "understands_process",
                    "bool",
                    "Understands the CR process and implications.",
                    label="Offender understands the process",
                    question=(
                        "Does the offender understand the community resolution process and what "
                        "accepting responsibility means?"
                    ),
                    paragraph="3.3.2",
                ),
                _f(
                    "consents",
                    "bool",
                    "Consents to the community resolution.",
                    label="Offender consents",
                    question=("Does the offender consent to take part in a community resolution?"),
                    paragraph="3.4.1",
                ),
                _f(
                    "vulnerable",
                    "bool",
                    "Considered vulnerable.",
                    default=False,
                    label="Offender is vulnerable",
                    question="Is the offender considered vulnerable?",
                    paragraph="3.4.5",
                ),
                _f(
                    "capacity_confirmed",
                    "bool",
                    "Capacity to understand the process is confirmed (when vulnerable).",
                    label="Offender's capacity confirmed",
                    question=(
                        "Has the offender's capacity to understand the process been confirmed?"
                    ),
                    paragraph="3.4.5",
                    hint=(
                        "Record any medical professional who supported the assessment of capacity."
                    ),
                ),
                _f(
                    "court_order",
                    "bool",
                    "Subject to an existing court order.",
                    label="Existing court order",
                    question=(
                        "Is the offender subject to an existing court order (such as a Criminal "
                        "Behaviour Order)?"
                    ),
                    paragraph="2.3.4",
                ),
                _f(
                    "bail_post_charge",
                    "bool",
                    "On bail after charge for other offences.",
                    label="Bail after charge",
                    question="Is the offender on bail after charge for other offences?",
                    paragraph="2.3.4",
                ),
                _f(
                    "suspended_sentence",
                    "bool",
                    "Currently on a suspended sentence.",
                    label="Suspended sentence",
                    question="Is the offender on a suspended sentence?",
                    paragraph="2.3.4",
                ),
                _f(
                    "wanted_on_warrant",
                    "bool",
                    "Wanted on warrant.",
                    label="Wanted on warrant",
                    question="Is the offender wanted on warrant?",
                    paragraph="2.3.4",
                ),
                _f(
                    "pre_charge_bail",
                    "bool",
                    "Bailed without charge.",
                    default=False,
                    label="Pre-charge bail",
                    question="Is the offender on bail without charge (pre-charge bail)?",
                    paragraph="2.3.4",
                ),
                _f(
                    "released_under_investigation",
                    "bool",
                    "Released under investigation (RUI).",
                    default=False,
                    label="Released under investigation",
                    question="Has the offender been released under investigation (RUI)?",
                    paragraph="2.3.4",
                ),
                _f(
                    "previous_outcomes",
                    "list",
                    "Previous sanctions found; an empty list when checked and none found.",
                    children=(
                        _f(
                            "outcome",
                            "enum",
                            "The kind of outcome.",
                            options=OUTCOME_KINDS,
                            required=True,
                            label="Previous outcome {n}: kind of outcome",
                            question="Previous outcome {n}: what kind of outcome was it?",
                            paragraph="3.5.2",
                        ),
                        _f(
                            "date",
                            "date",
                            "The date of the outcome.",
                            label="Previous outcome {n}: date",
                            question="Previous outcome {n} ({kind}): on what date was it given?",
                            paragraph="2.4.3, 3.5.1",
                        ),
                        _f(
                            "category",
                            "enum",
                            "The offence category.",
                            options=CATEGORIES,
                            label="Previous outcome {n}: kind of offence",
                            question=(
                                "Previous outcome {n} ({kind}): what kind of offence was it for?"
                            ),
                            paragraph="2.4.3",
                        ),
                        _f(
                            "substance",
                            "enum",
                            "The drug, for drug offences.",
                            options=SUBSTANCES,
                            label="Previous outcome {n}: drug",
                            question="Previous outcome {n} ({kind}): which drug was it for?",
                            paragraph="2.4.2",
                        ),
                    ),
                    label="Previous outcomes",
                    question=(
                        "Which previous outcomes does the offender have (cautions, community "
                        "resolutions, penalty notices, warnings, convictions)?"
                    ),
                    paragraph="3.5.1, 3.5.2",
                    hint=(
                        "Give every one found, by number, separated by commas (repeat a number "
                        "for two of the same kind), or none when the checks found none."
                    ),
                ),
            ),
            label="Offender",
        ),
        _f(
            "victim",
            "object",
            "The victim of the offence.",
            children=(
                _f(
                    "kind",
                    "enum",
                    "Who the victim is.",
                    options=VICTIM_KINDS,
                    label="Victim",
                    question="Who is the victim?",
                    paragraph="4.2.1, 4.3.2",
                ),
                _f(
                    "consulted",
                    "bool",
                    "The victim was consulted.",
                    label="Victim consulted",
                    question="Has the victim been consulted?",
                    paragraph="4.3.2",
                ),
                _f(
                    "consents",
                    "bool",
                    "The victim consents to a community resolution.",
                    label="Victim consents",
                    question="Does the victim consent to a community resolution?",
                    paragraph="4.3.2",
                ),
                _f(
                    "opportunity_to_express_views",
                    "bool",
                    "The victim has had the opportunity to express their views.",
                    label="Victim's opportunity to express their views",
                    question=(
                        "Has the victim had the opportunity to express their views to the offender?"
                    ),
                    paragraph="4.2.1",
                ),
            ),
            label="Victim",
        ),
        _f(
            "officer",
            "object",
            "The officer who will deliver the community resolution.",
            children=(
                _f(
                    "role",
                    "enum",
                    "The officer's role.",
                    options=OFFICER_ROLES,
                    label="Delivering officer's role",
                    question="What is the role of the officer who will deliver it?",
                    paragraph="3.2.2",
                ),
                _f(
                    "rj_level1_trained",
                    "bool",
                    "Trained to Restorative Justice level 1.",
                    label="Officer trained to Restorative Justice level 1",
                    question="Is that officer trained to Restorative Justice level 1?",
                    paragraph="3.2.2, 4.2.1",
                ),
                _f(
                    "pcso_designated_power",
                    "bool",
                    "A PCSO with the power for this offence designated by the Chief Constable.",
                    label="PCSO's power designated",
                    question=(
                        "Has the Chief Constable designated to the PCSO the power for this offence?"
                    ),
                    paragraph="3.2.2",
                ),
                _f(
                    "investigated_by_warranted_officer",
                    "bool",
                    "The crime was investigated by a warranted officer (needed for a PCSO "
                    "without the designated power, and for police staff: Rulings R23, R33).",
                    label="Investigated by a warranted officer",
                    question="Was the crime investigated by a warranted police officer?",
                    paragraph="3.2.2",
                ),
            ),
            label="Delivering officer",
        ),
    ),
)


class FactsError(ValueError):
    """Facts that cannot be assessed: `path` names the field (dotted)."""

    def __init__(self, path: str, problem: str):
        # One line always: a key or value may hold newlines or control characters.
        path, problem = _printable(path or "(facts)"), _printable(problem)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class Record:
    """A group of facts with attribute access; unknown facts are None."""

    __slots__ = ()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__
        )

    __hash__ = None  # mutable-looking; never used as a key


def _record_class(name: str, spec: Field) -> type:
    # Python attribute names cannot be "class", so drug.class is held as klass.
    slots = tuple(_attr(c.name) for c in spec.children)
    if spec is FACTS:
        slots += ("absent",)  # the groups left out entirely, for `missing`
    return type(name, (Record,), {"__slots__": slots})


def _attr(key: str) -> str:
    return "klass" if key == "class" else key


def _classes(spec: Field, name: str, out: dict) -> None:
    out[id(spec)] = _record_class(name, spec)
    for child in spec.children:
        if child.kind in ("object", "list"):
            _classes(child, name + child.name.title().replace("_", ""), out)


_CLASS_OF: dict[int, type] = {}
_classes(FACTS, "Facts", _CLASS_OF)

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"[:60]
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _scalar(spec: Field, value: Any, path: str) -> Any:
    kind = spec.kind
    if kind == "bool":
        if value is True or value is False:
            return value
        raise FactsError(path, f"must be true or false, got {_type_name(value)}")
    if kind == "enum":
        if isinstance(value, str) and value in spec.options:
            return value
        raise FactsError(path, f"must be one of {', '.join(spec.options)}; got {_type_name(value)}")
    if kind == "date":
        if isinstance(value, str) and _DATE_RE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise FactsError(path, f"must be a real date written YYYY-MM-DD, got {_type_name(value)}")
    if kind == "int":
        if type(value) is int:
            return value
        # JSON Schema counts 2.0 as an integer, so the published schema cannot refuse it: the
        # parser takes it as the whole number it is, never a fraction (decision 0012).
        if type(value) is float and value.is_integer():
            return int(value)
        raise FactsError(path, f"must be a whole number, got {_type_name(value)}")
    if kind == "str":
        if isinstance(value, str):
            return value
        raise FactsError(path, f"must be text, got {_type_name(value)}")
    raise AssertionError(kind)  # pragma: no cover - the spec is fixed above


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else str(key)


def _not_object(value: Any, path: str):
    raise FactsError(path, f"must be an object, got {_type_name(value)}")


def _unknown_key(value: dict, names: frozenset, path: str):
    key = next(k for k in value if k not in names)
    raise FactsError(_join(path, key), "unknown key (not part of the case facts)")


def _null_or_value(spec: Field, value: dict, raw: Any, path: str) -> Any:
    """The slow path of one field: a null, a default, or a scalar to check."""
    where = _join(path, spec.name)
    if raw is None:
        if spec.required:
            raise FactsError(where, "is required")
        if spec.has_default:
            if spec.name in value:
                raise FactsError(where, "must not be null (leave it out for the default)")
            return spec.default
        return None
    return _scalar(spec, raw, where)


def _list(spec: Field, raw: Any, path: str, parse) -> tuple:
    where = _join(path, spec.name)
    if raw.__class__ is not list:
        raise FactsError(where, f"must be a list, got {_type_name(raw)}")
    return tuple(parse(item, f"{where}.{i}") for i, item in enumerate(raw))


def _compile(spec: Field, namespace: dict, where: str | None = "") -> str:
    """Write the parser of one object as straight-line Python (as dataclasses
    writes __init__): the batch target of 20,000 assessments a second leaves
    no time for a generic loop over the fields. `where` is the object's dotted
    path when it is known before the facts are (not inside a list), so that
    its children's paths are written in as text. Returns the function's name."""
    n = len(namespace)
    name = f"_parse_{n}"
    namespace[f"_cls_{n}"] = _CLASS_OF[id(spec)]
    namespace[f"_names_{n}"] = frozenset(c.name for c in spec.children)
    lines = [
        f"def {name}(value, path):",
        "    if value.__class__ is not dict:",
        "        _not_object(value, path)",
        f"    if not _names_{n}.issuperset(value):",
        f"        _unknown_key(value, _names_{n}, path)",
        f"    r = _cls_{n}()",
        "    get = value.get",
    ]
    for k, child in enumerate(spec.children):
        field_ref = f"_f_{n}_{k}"
        namespace[field_ref] = child
        attr, key = _attr(child.name), child.name
        slow = f"_null_or_value({field_ref}, value, v, path)"
        lines.append(f"    v = get({key!r})")
        if not child.required:
            # Left out: the default, or unknown. A null goes the slow way (it may be an error).
            default = f"_d_{n}_{k}"
            namespace[default] = child.default if child.has_default else None
            lines += [
                f"    if v is None and {key!r} not in value:",
                f"        r.{attr} = {default}",
                "    el" + "se:",
            ]
        else:
            lines.append("    if True:")
        known = None if where is None else _join(where, key)
        if child.kind == "object":
            inner = _compile(child, namespace, known)
            at = f"_join(path, {key!r})" if known is None else repr(known)
            body = [f"r.{attr} = {inner}(v, {at}) if v is not None else {slow}"]
        elif child.kind == "list":
            inner = _compile(child, namespace, None)
            call = f"_list({field_ref}, v, path, {inner})"
            body = [f"r.{attr} = {call} if v is not None else {slow}"]
            if known is not None:
                # A list's items, without a call: most lists are empty or short.
                body = [
                    "if v.__class__ is list:",
                    f"    r.{attr} = tuple([{inner}(item, f'{known}.{{i}}')"
                    " for i, item in enumerate(v)]) if v else ()",
                    "else:",
                    f"    r.{attr} = {call} if v is not None else {slow}",
                ]
        elif child.kind == "bool":
            body = [
                "if v is True or v is False:",
                f"    r.{attr} = v",
                "else:",
                f"    r.{attr} = {slow}",
            ]
        elif child.kind == "enum":
            options = f"_o_{n}_{k}"
            namespace[options] = frozenset(child.options)
            body = [
                f"if v.__class__ is str and v in {options}:",
                f"    r.{attr} = v",
                "else:",
                f"    r.{attr} = {slow}",
            ]
        elif child.kind == "date":
            # Only YYYY-MM-DD: date.fromisoformat alone also takes 20240301 and 2024-W09-5.
            body = [
                "if v.__class__ is str and len(v) == 10 and v[4] == '-' and v[7] == '-':",
                "    try:",
                f"        r.{attr} = _fromiso(v)",
                "    except ValueError:",
                f"        r.{attr} = {slow}",
                "else:",
                f"    r.{attr} = {slow}",
            ]
        else:
            kind = "int" if child.kind == "int" else "str"
            body = [
                f"if v.__class__ is {kind}:",
                f"    r.{attr} = v",
                "else:",
                f"    r.{attr} = {slow}",
            ]
        lines += ["        " + line for line in body]
    lines.append("    return r")
    namespace.setdefault("_sources", []).append("\n".join(lines))
    return name


def _build_parser():
    namespace = {
        "_not_object": _not_object,
        "_unknown_key": _unknown_key,
        "_null_or_value": _null_or_value,
        "_list": _list,
        "_join": _join,
        "_fromiso": date.fromisoformat,
    }
    top = _compile(FACTS, namespace)
    source = "\n\n".join(namespace.pop("_sources"))
    exec(compile(source, "<crs.policy.facts parser>", "exec"), namespace)
    return namespace[top], source


_parse_object, PARSER_SOURCE = _build_parser()


def parse_facts(document: Any, *, today: date | None = None) -> Record:
    """Check a decoded JSON document and return the case facts.

    `today` is used for `assessed_on` when it is left out: the only place the
    clock enters a decision, and the caller (a door) decides what today is.
    """
    facts = _parse_object(document, "")
    if facts.assessed_on is None:
        if today is None:
            raise FactsError("assessed_on", "is required here (no default date was given)")
        facts.assessed_on = today
    absent = ()
    if None in (facts.offence, facts.offender, facts.victim, facts.officer):
        # An absent group is a group of unknown facts; `absent` remembers it
        # so that `missing` can name the group itself.
        absent = tuple(g for g in _GROUPS if getattr(facts, g) is None)
        for group in absent:
            setattr(facts, group, _empty(group))
    facts.absent = absent
    _check_consistency(facts, document)
    return facts


_GROUPS = ("offence", "offender", "victim", "officer")
# Categories that imply a flag of the offence (contract: "true for category ...").
IMPLIED_FLAGS = {"weapon_possession": "knife_or_weapon", "sexual": "sexual", "traffic": "traffic"}


def _empty(group: str) -> Record:
    spec = next(c for c in FACTS.children if c.name == group)
    record = _CLASS_OF[id(spec)]()
    for child in spec.children:
        setattr(record, _attr(child.name), child.default if child.has_default else None)
    return record


def _check_consistency(f: Record, document: dict) -> None:
    """Impossible values: they make the facts invalid, not the case ineligible."""
    o, p = f.offence, f.offender
    if o.date is not None and o.date > f.assessed_on:
        raise FactsError("offence.date", f"is after assessed_on ({f.assessed_on.isoformat()})")
    if p.date_of_birth is not None:
        if o.date is not None and p.date_of_birth > o.date:
            raise FactsError(
                "offender.date_of_birth", f"is after the offence date ({o.date.isoformat()})"
            )
        if p.date_of_birth > f.assessed_on:
            raise FactsError("offender.date_of_birth", "is after assessed_on")
        g = o.gravity
        if g is not None and g.matrix is not None and f.assessed_on is not date.max:
            _check_matrix_for_age(g.matrix, p.date_of_birth, f.assessed_on)
    flag = IMPLIED_FLAGS.get(o.category)
    if flag is not None and document["offence"].get(flag) is False:
        raise FactsError(f"offence.{flag}", f"must be true for category {o.category}")
    if o.drug is not None and o.category is not None and o.category != "drugs_possession":
        raise FactsError("offence.drug", "is only for category drugs_possession")
    g = o.gravity
    if g is not None:
        _check_gravity(g)
    born = p.date_of_birth
    for i, prev in enumerate(p.previous_outcomes or ()):
        if prev.date is None:
            continue
        if prev.date > f.assessed_on:
            raise FactsError(f"offender.previous_outcomes.{i}.date", "is after assessed_on")
        if born is not None and prev.date < born:
            raise FactsError(
                f"offender.previous_outcomes.{i}.date",
                f"is before offender.date_of_birth ({born.isoformat()})",
            )


def _check_matrix_for_age(matrix: str, born: date, on: date) -> None:
    """Ruling R29: the adult matrix for 18 or over on the assessment date, else the child's.
    (Skipped when there is no assessment date to judge by: questions.apply_answer checks an
    answer with `date.max` then.)"""
    age = years_between(born, on)
    wanted = "adult" if age >= ADULT_MATRIX_AGE else "child"
    if matrix != wanted:
        raise FactsError(
            "offence.gravity.matrix",
            f"must be {wanted} for an offender aged {age} on assessed_on "
            f"({on.isoformat()}): the adult matrix from 18, the child matrix under 18 "
            "(Ruling R29)",
        )


def _check_gravity(g: Record) -> None:
    low, high = SCORE_RANGE.get(g.matrix, (1, 5))
    base, final = g.base_score, g.final_score
    for name, score in (("base_score", base), ("final_score", final)):
        if score is not None and not low <= score <= high:
            scale = f"the {g.matrix} matrix" if g.matrix else "any matrix"
            raise FactsError(
                f"offence.gravity.{name}", f"must be from {low} to {high} on {scale}, got {score}"
            )
    if base is not None and final is not None and abs(final - base) > 1:
        raise FactsError(
            "offence.gravity.final_score", "must be within 1 of base_score (Ruling R21)"
        )
