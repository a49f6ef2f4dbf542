"""Pydantic models and JSON Schema of the case facts and of the assessment.

The facts models are built from the one declaration, `crs.policy.facts.FACTS`,
with `pydantic.create_model`: strict, unknown keys forbidden, each field's
documentation as its description, the defaults as declared, and every field
without a default optional (left out, it is unknown). Cross-field checks (a
date of birth after the offence, a gravity score out of range) are not
repeated here: the model calls the parser's own check, so the model and
`parse_facts` cannot disagree about what is valid.

The assessment model is written by hand from docs/contract/assess.md, with
every key the engine adds; a test validates the engine's output against it,
so a new key must be declared (and described) here before it ships.

Importing this module builds models, which takes a noticeable fraction of a
second: it is for `crs schema`, the API and the web forms, never for the
`crs assess` path (docs/decisions/0002-facts-parser.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import facts as _facts
from .facts import FACTS, FactsError, parse_facts
from .facts import Field as FactField

__all__ = ["AssessmentModel", "FactsModel", "schemas"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FACTS_SCHEMA_ID = "urn:crs:schema:facts"
ASSESSMENT_SCHEMA_ID = "urn:crs:schema:assessment"

_STRICT = ConfigDict(strict=True, extra="forbid")


# --- The case facts, derived from FACTS ---------------------------------------------------


_DATE_FIELD = FactField("date", "date", "")


def _check_date(value: Any) -> date:
    """A date as the parser takes it (YYYY-MM-DD only), or a date object from Python."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        # The parser's own check: one definition of a valid date for every door.
        return _facts._scalar(_DATE_FIELD, value, "")
    except FactsError as exc:
        # The problem quotes the input, which may hold braces: never a template.
        raise PydanticCustomError("date_format", "{problem}", {"problem": exc.problem}) from None


FactDate = Annotated[date, BeforeValidator(_check_date)]


def _check_int(value: Any) -> Any:
    """2.0 is the whole number 2, as the parser and JSON Schema take it; anything else is
    left for the strict check to refuse."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


FactInt = Annotated[int, BeforeValidator(_check_int)]

_SCALARS: dict[str, Any] = {"bool": bool, "int": FactInt, "str": str, "date": FactDate}


def _model_name(spec: FactField) -> str:
    name = "".join(part.title() for part in spec.name.split("_"))
    # A list holds items: previous_outcomes holds PreviousOutcome models.
    return name[:-1] if spec.kind == "list" and name.endswith("s") else name


def _annotation(spec: FactField) -> Any:
    if spec.kind in _SCALARS:
        return _SCALARS[spec.kind]
    if spec.kind == "enum":
        return Literal[spec.options]
    if spec.kind == "object":
        return _model(spec, _model_name(spec))
    if spec.kind == "list":
        return list[_model(spec, _model_name(spec))]
    raise AssertionError(f"{spec.name}: unknown kind {spec.kind}")  # pragma: no cover


def _field(spec: FactField) -> tuple[Any, Any]:
    annotation = _annotation(spec)
    alias = spec.name if spec.name == "class" else None
    if spec.required:
        return annotation, Field(..., alias=alias, description=spec.doc)
    if spec.has_default:
        return annotation, Field(spec.default, alias=alias, description=spec.doc)
    # Left out (or null), the fact is unknown.
    return annotation | None, Field(None, alias=alias, description=spec.doc)


def _attr(name: str) -> str:
    return "klass" if name == "class" else name


def _model(
    spec: FactField, name: str, base: type[BaseModel] | None = None, doc: str | None = None
) -> type[BaseModel]:
    fields = {_attr(child.name): _field(child) for child in spec.children}
    doc = doc or (f"An entry of {spec.name}." if spec.kind == "list" else spec.doc)
    if base is None:
        return create_model(name, __config__=_STRICT, __doc__=doc, **fields)
    return create_model(name, __base__=base, __doc__=doc, **fields)


class _FactsBase(BaseModel):
    """The cross-field checks, made by the parser itself on the validated facts."""

    model_config = _STRICT

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> _FactsBase:
        # When assessed_on is left out the doors use today; a caller may fix
        # "today" with context={"today": date(...)}, as parse_facts takes it.
        context = info.context if isinstance(info.context, dict) else {}
        today = context.get("today") or date.today()
        document = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        try:
            parse_facts(document, today=today)
        except FactsError as exc:
            loc = tuple(int(p) if p.isdigit() else p for p in exc.path.split("."))
            error = PydanticCustomError(
                "facts_inconsistent", "{problem}", {"path": exc.path, "problem": exc.problem}
            )
            raise ValidationError.from_exception_data(
                "FactsModel", [InitErrorDetails(type=error, loc=loc, input=document)]
            ) from None
        return self


FactsModel: type[BaseModel] = _model(
    FACTS,
    "Facts",
    base=_FactsBase,
    doc=f"{FACTS.doc} A key left out is unknown, except where a default is given; "
    "unknown keys anywhere are an error.",
)


# --- The assessment, from docs/contract/assess.md ---------------------------------------

Authority = Literal[
    "sergeant", "inspector", "substantive_inspector", "superintendent", "youth_justice_supervisor"
]
Effect = Literal["excludes", "requires_authorisation", "escalates", "informs"]
Paragraph = Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]
RulingId = Annotated[str, Field(pattern=r"^R\d+$")]
FactPath = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\d+))*$")]


def _absent_when_not_applicable(schema: dict[str, Any]) -> None:
    # The engine leaves such a key out rather than writing null.
    schema.pop("default", None)


def _optional_key(description: str) -> Any:
    return Field(
        default=None, description=description, json_schema_extra=_absent_when_not_applicable
    )


class Authorisation(BaseModel):
    """An authority that must agree, and why."""

    model_config = _STRICT

    authority: Authority = Field(
        description="Who must authorise. Police ranks are ordered sergeant < inspector < "
        "substantive_inspector < superintendent: a higher rank satisfies a lower requirement. "
        "The Youth Justice Team Supervisor is not a police rank and no rank satisfies that "
        "requirement."
    )
    paragraph: Paragraph = Field(description="The SOP paragraph as printed in the SOP.")
    reason: str = Field(description="Why this authority is needed.")
    code: str = Field(description="The code of the rule that requires it (stable).")
    codes: list[str] = _optional_key(
        "Present when several rules asked this authority for this paragraph: their codes, "
        "the first being `code`; the reason covers them all (Ruling R37)."
    )
    instead_of: Literal["sergeant"] = _optional_key(
        "Present when the offender is under 18 and the Youth Justice Team Supervisor is "
        "required in place of a Sergeant (4.2.2, Ruling R2)."
    )
    pse_equivalent_allowed: Literal[True] = _optional_key(
        "Present (true) when police staff of equivalent grade may give this Sergeant-level "
        "authority (2.3.4, Ruling R1)."
    )


class Reason(BaseModel):
    """A rule that fired."""

    model_config = _STRICT

    code: str = Field(description="The rule's code (stable once published).")
    paragraph: Paragraph = Field(description="The SOP paragraph as printed in the SOP.")
    effect: Effect = Field(description="What the rule does to the decision.")
    text: str = Field(description="The finding, in plain words.")
    sop: str = Field(description="The SOP's own words the rule rests on.")
    rulings: list[RulingId] = Field(
        description="Ids of the rulings in shared/sop/rulings.md the rule applies."
    )
    facts: list[FactPath] = Field(description="Dotted paths of the facts the rule reads.")


class Deadlines(BaseModel):
    """Time limits that follow from the facts."""

    model_config = _STRICT

    outcomes_complete_by: date | None = Field(
        description="Offence date + 16 weeks (4.4.4); null when the offence date is unknown."
    )
    parent_guardian_informed_within_hours: int | None = Field(
        description="24 for an offender under 18 (3.4.3); otherwise null."
    )
    deferred_outcomes_allowed: bool | None = Field(
        description="Whether outcomes other than instant ones can still be agreed: the "
        "assessment date is not after outcomes_complete_by (4.4.4, Ruling R25); null when "
        "the offence date is unknown."
    )
    victim_contact: list[Literal["immediately_after_delivery", "on_conclusion_of_outcomes"]] = (
        Field(
            description="When the victim must be updated, for an identifiable victim; "
            "empty otherwise."
        )
    )


# Validate the JSON text (`model_validate_json`), as the doors print it: the
# engine's own dict holds dates as text and tuples where JSON has arrays, which
# strict Python-mode validation refuses.
class AssessmentModel(BaseModel):
    """The assessment of one case's facts (docs/contract/assess.md)."""

    model_config = ConfigDict(strict=True, extra="forbid", title="Assessment")

    policy: str = Field(description="The policy id, e.g. O32g.")
    policy_version: str = Field(description="The version of the policy pack applied.")
    decision: Literal["eligible", "authorisation_required", "not_eligible", "incomplete"] = Field(
        description="not_eligible when any rule excludes, whatever else is unknown; otherwise "
        "incomplete when a fact the decision needs is unknown, with missing naming each one; "
        "otherwise authorisation_required when authorisations is not empty; otherwise eligible."
    )
    recommended_disposal: (
        Literal["community_resolution", "conditional_caution", "charge", "no_further_action"] | None
    ) = Field(
        description="community_resolution when eligible or authorisation_required; "
        "conditional_caution, charge or no_further_action when another outcome is indicated; "
        "null when incomplete, or when no other outcome is indicated."
    )
    authorisations: list[Authorisation] = Field(
        description="Every authority that must agree, each with why (listed even while the "
        "decision is incomplete)."
    )
    reasons: list[Reason] = Field(description="Every rule that fired, in SOP order.")
    missing: list[FactPath] = Field(
        description="Dotted paths of unknown facts that the decision needs."
    )
    records_required: list[str] = Field(description="What must be recorded for this case.")
    deadlines: Deadlines = Field(description="Time limits that follow from the facts.")
    interpretations: list[RulingId] = Field(
        description="Ids of the rulings in shared/sop/rulings.md that were applied."
    )
    authorities_required: list[Authority] = Field(
        description="The fewest authorities that satisfy every authorisation: the highest "
        "police rank required, and the Youth Justice Team Supervisor when required "
        "(Rulings R1, R3)."
    )
    assessed_on: date = Field(description="The assessment date the decision was made for.")
    policy_effective_from: date = Field(
        description="The date from which the policy pack applied was in force."
    )
    policy_digest: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the policy pack applied, so a stored decision names exactly "
        "what it used.",
    )


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of the case facts and of the assessment, for `crs schema`."""
    return {
        "facts": _document(FactsModel, FACTS_SCHEMA_ID, "Case facts"),
        "assessment": _document(AssessmentModel, ASSESSMENT_SCHEMA_ID, "Assessment"),
    }


def _document(model: type[BaseModel], schema_id: str, title: str) -> dict[str, Any]:
    body = model.model_json_schema(by_alias=True)
    body.pop("title", None)
    if model is FactsModel:
        _state_cross_field_rules(body["$defs"])
        body["description"] += (
            " Rules comparing two values, which JSON Schema cannot state: offence.date and "
            "each previous outcome's date are not after assessed_on (today when left out); "
            "offender.date_of_birth is not after assessed_on, offence.date or any previous "
            "outcome's date; offence.gravity.matrix is adult for an offender 18 or over on "
            "assessed_on, else child (Ruling R29)."
        )
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, "title": title, **body}


def _when(name: str, value: Any) -> dict[str, Any]:
    return {"properties": {name: {"const": value}}, "required": [name]}


def _state_cross_field_rules(defs: dict[str, Any]) -> None:
    """The parser's checks across fields (_check_consistency) that JSON Schema can state, so
    that what the schema calls valid the parser accepts: the score ranges of each matrix,
    R21's "within 1", the categories that imply a flag, the drug only for possession. Those
    comparing two dates cannot be stated; the fields' descriptions say them."""
    gravity = defs["Gravity"]
    low, high = (
        min(r[0] for r in _facts.SCORE_RANGE.values()),
        max(r[1] for r in _facts.SCORE_RANGE.values()),
    )
    for name in ("base_score", "final_score"):
        for branch in gravity["properties"][name]["anyOf"]:
            if branch.get("type") == "integer":
                branch.update(minimum=low, maximum=high)
    rules: list[dict[str, Any]] = []
    for matrix, (_, top) in _facts.SCORE_RANGE.items():
        if top < high:
            under = {"anyOf": [{"type": "null"}, {"type": "integer", "maximum": top}]}
            rules.append(
                {
                    "if": _when("matrix", matrix),
                    "then": {"properties": {"base_score": under, "final_score": under}},
                }
            )
    for base in range(low, high + 1):
        near = [score for score in (base - 1, base, base + 1) if low <= score <= high]
        rules.append(
            {
                "if": _when("base_score", base),
                "then": {
                    "properties": {"final_score": {"anyOf": [{"type": "null"}, {"enum": near}]}}
                },
            }
        )
    gravity["allOf"] = rules
    offence = defs["Offence"]
    offence["allOf"] = [
        {"if": _when("category", category), "then": {"properties": {flag: {"const": True}}}}
        for category, flag in _facts.IMPLIED_FLAGS.items()
    ] + [
        {
            "if": {
                "properties": {
                    "category": {"type": "string", "not": {"const": "drugs_possession"}}
                },
                "required": ["category"],
            },
            "then": {"properties": {"drug": {"type": "null"}}},
        }
    ]
