"""What the API reads and writes about cases: ninja schemas (pydantic), one per shape.

Text in: every string refuses what no database can store (the NUL character, a lone
surrogate: crs.cases.text; the web's forms refuse them too), and is at most its field's
stated maximum (the model's max_length, else a few thousand characters), refused by name,
never cut short. The OpenAPI document states each rule (pattern, minLength, maxLength), so
what it calls valid the server accepts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db import models
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, create_model

from crs.cases import dates
from crs.cases import models as record
from crs.cases.models import Case, Contact, Person, RemedyAction, RestorativeJustice, Signature
from crs.cases.workflow import State
from crs.policy.records import RECORDS
from crs.text import fault

from . import contract

MAX_ID = 2**63 - 1  # a BigAutoField; larger numbers cannot be any row's id
MAX_TEXT = 10_000


def _storable(text: str) -> str:
    why = fault(text)
    if why:
        raise ValueError(why)
    return text


def _past_moment(value: datetime) -> datetime:
    """Only the form of a moment: whether the case allows it (not in the future, not before
    the offence) is the services' rule, worded once for every door (crs.cases.dates)."""
    if value.date() < dates.EARLIEST:
        raise ValueError("must be after 1900")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _past_date(value: date) -> date:
    if value < dates.EARLIEST or dates.in_future(value):
        raise ValueError("must be between 1900 and today")
    return value


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text


# For the OpenAPI document: the rules _storable and _not_blank enforce, as patterns (the
# validators, not the patterns, check: their words name the rule). A lone surrogate cannot
# be written as a pattern every JSON Schema reader takes; the description says it.
NO_NUL = {"pattern": contract.NO_NUL}
NOT_BLANK = {"pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$"}


def text(limit: int = MAX_TEXT, *, required: bool = False):
    """A text field of at most `limit` characters; `required`: at least one not a space."""
    return Annotated[
        str,
        Field(
            min_length=1 if required else None,
            max_length=limit,
            json_schema_extra=NOT_BLANK if required else NO_NUL,
        ),
        AfterValidator(_storable),
        *([AfterValidator(_not_blank)] if required else []),
    ]


def limit_of(model, name: str) -> int:
    """The model field's stated maximum: the API refuses what the database would not keep."""
    return model._meta.get_field(name).max_length


# The year from 1900 as a pattern, for the document (the validators check, in their words).
FROM_1900 = {"pattern": "^(19|[2-9][0-9])[0-9][0-9]-"}
Moment = Annotated[datetime, Field(json_schema_extra=FROM_1900), AfterValidator(_past_moment)]
PastDate = Annotated[date, Field(json_schema_extra=FROM_1900), AfterValidator(_past_date)]
Text = text()
Required = text(required=True)
# Text kept in a model's CharField: at most its max_length.
CrimeReference = text(limit_of(Case, "crime_reference"), required=True)
RemedyKind = text(limit_of(RemedyAction, "kind"))
SignedName = text(limit_of(Signature, "name"), required=True)
Version = Annotated[int, Field(ge=1, le=MAX_ID, description="The case's version as you read it")]

Method = Literal[tuple(Contact.Method.values)]  # type: ignore[valid-type]
StateName = Literal[tuple(s.value for s in State)]  # type: ignore[valid-type]
Party = Literal[tuple(Contact.Party.values)]  # type: ignore[valid-type]
Purpose = Literal[tuple(Contact.Purpose.values)]  # type: ignore[valid-type]
Outcome = Literal[tuple(Contact.Outcome.values)]  # type: ignore[valid-type]
PersonRole = Literal[tuple(Person.Role.values)]  # type: ignore[valid-type]
SignatureParty = Literal[tuple(Signature.Party.values)]  # type: ignore[valid-type]
RecordKind = Literal[tuple(RECORDS)]  # type: ignore[valid-type]
Delivery = Literal[tuple(RestorativeJustice.Delivery.values)]  # type: ignore[valid-type]


# ---- out


class CaseSummary(Schema):
    id: int
    crime_reference: str
    state: str
    version: int
    owner: str = Field(..., alias="owner.username")
    team: str = Field(..., alias="team.name")
    offence_date: date | None
    offence_category: str
    created_at: datetime
    updated_at: datetime


class AssessmentOut(Schema):
    id: int
    decision: str
    assessed_on: date
    assessed_by: str = Field(..., alias="assessed_by.username")
    created_at: datetime
    facts: dict[str, Any]
    result: dict[str, Any]


class CaseOut(CaseSummary):
    offence_description: str
    facts: dict[str, Any]
    gravity_rationale: str
    agreed_at: datetime | None
    no_alternative_sanction: bool
    outcome_reason: str
    closed_at: datetime | None
    assessment: AssessmentOut | None = Field(None, alias="current_assessment")


class AuthorisationOut(Schema):
    id: int
    case: int = Field(..., alias="case_id")
    assessment: int = Field(..., alias="assessment_id")
    requirement: str
    paragraph: str
    authority: str
    decision: str
    given_by: str = Field(..., alias="given_by.username")
    given_by_title: str
    rationale: str
    given_at: datetime
    voided_at: datetime | None
    void_reason: str


class ContactOut(Schema):
    id: int
    case: int = Field(..., alias="case_id")
    party: str
    person: int | None = Field(None, alias="person_id")
    purpose: str
    method: str
    outcome: str
    at: datetime
    made_by: str = Field(..., alias="made_by.username")
    notes: str


class ActionOut(Schema):
    id: int
    case: int = Field(..., alias="case_id")
    kind: str
    description: str
    instant: bool
    due_date: date | None
    status: str
    status_at: datetime | None
    notes: str
    created_by: str = Field(..., alias="created_by.username")
    created_at: datetime


class VictimViewOut(Schema):
    id: int
    case: int = Field(..., alias="case_id")
    victim: int | None = Field(None, alias="victim_id")
    asked_by: str = Field(..., alias="asked_by.username")
    asked_at: datetime
    method: str
    views: str
    wishes: str
    consents: bool | None
    questions_answered: bool
    told_voluntary: bool
    told_no_alternative_sanction: bool
    recorded_at: datetime


# The person's details the API reads and writes, as the record declares them.
PERSON_API = [name for name, detail in record.PERSON_DETAILS.items() if detail.api]


def _detail(name: str, *, given: bool) -> Any:
    """The type of a person's detail in the API's answers, or (`given`) in what it is sent:
    from the model field, so its limits are the database's."""
    field = Person._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.DateField):
        return PastDate | None if given else date | None
    return text(limit_of(Person, name)) if given else str


PersonOut = create_model(
    "PersonOut",
    __base__=Schema,
    __module__=__name__,
    id=(int, ...),
    case=(int, Field(..., alias="case_id")),
    role=(str, ...),
    **{name: (_detail(name, given=False), ...) for name in PERSON_API},
)


class StatementOut(Schema):
    id: int
    kind: str
    text: str
    recorded_by: str = Field(..., alias="recorded_by.username")
    recorded_at: datetime


class SignatureOut(Schema):
    id: int
    party: str
    name: str
    signed_at: datetime
    recorded_by: str = Field(..., alias="recorded_by.username")


class RestorativeOut(Schema):
    delivery: str
    referral_note: str
    offender_accepted_responsibility: bool
    offender_understood_effect: bool
    victim_shared_views: bool
    victim_questions_answered: bool
    restorative_process_used: bool
    recorded_by: str = Field(..., alias="recorded_by.username")
    recorded_at: datetime


# ---- in

# Checked by the engine's parser (crs.api.access.check_facts), stated by the contract's schema
# less what a case may not hold (crs.api.contract.case_components).
# less what a case may not hold (crs.api.contract.case_components): the OpenAPI document puts
# that schema where this mark is (crs.api.api).
CASE_FACTS_MARK = "x-crs-case-facts"
Facts = Annotated[dict[str, Any], Field(json_schema_extra={CASE_FACTS_MARK: True})]


class CaseIn(Schema):
    crime_reference: CrimeReference
    facts: Facts = Field(
        default_factory=dict, description="Case facts (the contract); may be partial"
    )
    gravity_rationale: Text = ""


class FactsIn(Schema):
    version: Version
    facts: Facts = Field(..., description="The whole of the working facts, replacing them")
    reason: Text = Field("", description="Why the facts changed: needed once the case is assessed")
    gravity_rationale: Text | None = None


class VersionIn(Schema):
    version: Version | None = Field(None, description="Give it to be refused if the case moved on")


class NoteIn(VersionIn):
    note: Text = ""


class RationaleIn(VersionIn):
    rationale: Required


class ReasonIn(VersionIn):
    reason: Required


class ReasonsIn(VersionIn):
    reasons: Required


class ActionIn(VersionIn):
    kind: RemedyKind = Field(..., description="A Community Remedy id from the policy pack")
    description: Required
    instant: bool | None = None
    due_date: date | None = None


class ContactIn(VersionIn):
    party: Party
    purpose: Purpose
    method: Method
    outcome: Outcome
    at: Moment | None = Field(None, description="When; now if left out. Never in the future")
    person: int | None = Field(None, ge=1, le=MAX_ID, description="A person on the case")
    notes: Text = ""


class VictimViewIn(VersionIn):
    asked_at: Moment | None = Field(None, description="When; now if left out")
    method: Method
    views: Required
    wishes: Text = ""
    consents: bool | None
    victim: int | None = Field(
        None, ge=1, le=MAX_ID, description="The victim, a person on the case"
    )
    questions_answered: bool = False
    told_voluntary: bool = False
    told_no_alternative_sanction: bool = False


DOB_READ = "The offender's is the one the engine reads (never a case fact)"


def _unknown(name: str) -> Any:
    """What a detail left out holds: the model field's default (blank, None or false)."""
    return Person._meta.get_field(name).get_default()


# Left out, a detail is as the model holds one not known when a person is added.
PersonIn = create_model(
    "PersonIn",
    __base__=VersionIn,
    __module__=__name__,
    role=(PersonRole, ...),
    **{
        name: (
            _detail(name, given=True),
            Field(None, description=DOB_READ) if name == "date_of_birth" else _unknown(name),
        )
        for name in PERSON_API
    },
    reason=(Text, Field("", description="Why: needed for an offender named after assessment")),
)
# Left out, a detail stays as it is; only the date of birth can be cleared (null).
PersonChangeIn = create_model(
    "PersonChangeIn",
    __base__=VersionIn,
    __module__=__name__,
    __doc__=(
        "Only the details given change; the offender's name or date of birth, once the case is\n"
        "    assessed, needs a `reason` and sends the case back for reassessment."
    ),
    **{
        name: (
            _detail(name, given=True),
            Field(None, description="null clears it") if name == "date_of_birth" else None,
        )
        for name in PERSON_API
    },
    reason=(Text, ""),
)


class StatementIn(VersionIn):
    kind: RecordKind
    text: Required


class SignatureIn(VersionIn):
    party: SignatureParty
    name: SignedName
    signed_at: Moment | None = None


class RestorativeIn(VersionIn):
    # A referral says why (4.4.4): the rule across the two fields, stated for the document.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"delivery": {"const": RestorativeJustice.Delivery.REFERRED.value}},
                "required": ["delivery"],
            },
            "then": {
                "properties": {"referral_note": {"minLength": 1, **NOT_BLANK}},
                "required": ["referral_note"],
            },
        }
    )

    delivery: Delivery
    referral_note: Text = Field("", description="Why: needed when the case is referred")
    offender_accepted_responsibility: bool = False
    offender_understood_effect: bool = False
    victim_shared_views: bool = False
    victim_questions_answered: bool = False
