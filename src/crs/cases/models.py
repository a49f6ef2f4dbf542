"""The Community Resolution record (form 1912): see docs/record.md for each field's paragraph.

The case holds the working facts (the engine's input, as JSON) and the
workflow state; everything said or done on the case is a row of its own,
written once: assessments, authorisations, victim views, contacts,
signatures, statements. Corrections are new rows, so the record shows what
was known when. Changes go through crs.cases.services, never straight here.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from crs.policy import facts
from crs.policy.records import RECORDS

from . import guards
from .workflow import AFTER_DELIVERY, BEFORE_AGREEMENT, OPEN, REASSESSABLE, State

USER = settings.AUTH_USER_MODEL

# The engine's own lists (crs.policy.facts), so the record and the contract cannot drift.
CATEGORIES = [(c, c.replace("_", " ")) for c in facts.CATEGORIES]
PREVIOUS_OUTCOMES = [(o, o.replace("_", " ")) for o in facts.OUTCOME_KINDS]


class WrittenOnce(Exception):
    """An attempt to change or remove a record that is kept as it was written."""


class WrittenOnceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise WrittenOnce(f"{self.model._meta.verbose_name} records cannot be changed")

    def delete(self):
        raise WrittenOnce(f"{self.model._meta.verbose_name} records cannot be removed")


class WrittenOnceModel(models.Model):
    """A record kept exactly as written: a correction is a new record."""

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise WrittenOnce(f"{self._meta.verbose_name} records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise WrittenOnce(f"{self._meta.verbose_name} records cannot be removed")


# The cases of crs.cases.duties' `parent_guardian_informed`: if the two ever differ the
# work list is slower, never wrong.
PARENT_TO_TELL = models.Q(juvenile=True, agreed_at__isnull=False, state__in=AFTER_DELIVERY)


class Case(FSMModelMixin, models.Model):
    crime_reference = models.CharField(max_length=40, unique=True)
    # The working facts: the engine's input (docs/contract/assess.md), edited until agreed.
    facts = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    # Copies of facts for lists and search; services keep them in step with `facts`.
    offence_date = models.DateField(null=True, blank=True)
    offence_category = models.CharField(max_length=30, choices=CATEGORIES, blank=True)
    offence_description = models.TextField(blank=True)
    gravity_matrix = models.CharField(max_length=10, blank=True)
    gravity_base_score = models.PositiveSmallIntegerField(null=True, blank=True)
    gravity_final_score = models.PositiveSmallIntegerField(null=True, blank=True)
    gravity_rationale = models.TextField(
        blank=True, help_text="3.1.1: how the score was arrived at"
    )

    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="owned_cases")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="cases")
    state = FSMField(default=State.DRAFT, choices=State.choices, protected=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    agreed_at = models.DateTimeField(null=True, blank=True)
    no_alternative_sanction = models.BooleanField(
        default=False, help_text="4.6.1: not complied with; no caution can follow for this offence"
    )
    outcome_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the supervisor or the IMU last returned the case and it is not yet put right (its
    # reasons are a ReviewReturn): the officer's returned cases come first, without reading
    # the returns of every case.
    returned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Copies of the current assessment for the lists and visibility (crs.cases.summary,
    # kept by the services): reading the stored JSON for every case is too slow.
    juvenile = models.BooleanField(
        default=False, help_text="the current assessment found the offender under 18"
    )
    authorities_outstanding = models.CharField(
        max_length=200,
        blank=True,
        help_text="authorities still to be given, between spaces (crs.cases.summary)",
    )

    class Meta:
        indexes = [
            models.Index(fields=["owner", "state"]),
            models.Index(fields=["team", "state"]),
            models.Index(fields=["offence_date"]),
            # The Youth Justice Team Supervisor's cases (3.5.3): a fifth of a force's.
            models.Index(
                fields=["state"], condition=models.Q(juvenile=True), name="case_juvenile_state"
            ),
            # The cases awaiting authority, newest first: every Sergeant sees them all
            # (4.2.2), so their lists page through these without reading the rest.
            models.Index(
                fields=["-id"],
                condition=models.Q(state=State.AWAITING_AUTHORISATION),
                name="case_awaiting_authorisation",
            ),
            # Who may see a case (crs.cases.permissions.visible_cases) read from the index
            # alone: a search's or a work list's matches are checked without reading each
            # case's row (PostgreSQL's index-only scans).
            models.Index(
                fields=["id", "state", "team", "owner", "juvenile"], name="case_visibility"
            ),
            # The under-18s' cases delivered, whose parent or guardian must be told (3.4.3):
            # the work list "contacts due" of each officer and team reads only these.
            *(
                models.Index(fields=[who], condition=PARENT_TO_TELL, name=f"case_parent_{who}")
                for who in ("owner", "team")
            ),
        ]

    def __str__(self) -> str:
        return self.crime_reference

    @property
    def current_assessment(self) -> Assessment | None:
        # Read once per copy of the case: the guards ask for it many times in one operation.
        if "_current_assessment" not in self.__dict__:
            self._current_assessment = self.assessments.order_by("-id").first()
        return self._current_assessment

    def forget_assessment(self) -> None:
        self.__dict__.pop("_current_assessment", None)

    # The transitions. Their bodies are empty on purpose: the services do the work
    # and the audit entry; the decorators own the graph and the guards.
    @transition(field=state, source=State.DRAFT, target=State.ASSESSED)
    def mark_assessed(self):
        pass

    @transition(field=state, source=REASSESSABLE, target=State.DRAFT)
    def reopen_for_reassessment(self):
        pass

    @transition(
        field=state,
        source=State.ASSESSED,
        target=State.AWAITING_AUTHORISATION,
        conditions=guards.conditions("request_authorisation"),
    )
    def request_authorisation(self):
        pass

    @transition(
        field=state,
        source=State.AWAITING_AUTHORISATION,
        target=State.AUTHORISED,
        conditions=guards.conditions("grant"),
    )
    def grant(self):
        pass

    @transition(field=state, source=State.AWAITING_AUTHORISATION, target=State.REFUSED)
    def refuse(self):
        pass

    @transition(
        field=state,
        source=[State.ASSESSED, State.AUTHORISED],
        target=State.AGREED,
        conditions=guards.conditions("agree"),
    )
    def agree(self):
        pass

    @transition(
        field=state,
        source=State.AGREED,
        target=State.ACTIONS_IN_PROGRESS,
        conditions=guards.conditions("start_actions"),
    )
    def start_actions(self):
        pass

    @transition(
        field=state,
        source=[State.AGREED, State.ACTIONS_IN_PROGRESS],
        target=State.COMPLETED,
        conditions=guards.conditions("complete"),
    )
    def complete(self):
        pass

    @transition(
        field=state,
        source=[State.AGREED, State.ACTIONS_IN_PROGRESS],
        target=State.NON_COMPLIANT,
        conditions=guards.conditions("record_non_compliance"),
    )
    def record_non_compliance(self):
        pass

    @transition(
        field=state,
        source=[State.COMPLETED, State.NON_COMPLIANT],
        target=State.SUPERVISOR_REVIEW,
        conditions=guards.conditions("submit_for_review"),
    )
    def submit_for_review(self):
        pass

    @transition(field=state, source=State.SUPERVISOR_REVIEW, target=State.IMU_QA)
    def approve_review(self):
        pass

    # The supervisor sends the record back to the officer to put right (4.5.1): to where it
    # stood before it was submitted, so the officer resubmits it as before.
    @transition(
        field=state,
        source=State.SUPERVISOR_REVIEW,
        target=GET_STATE(
            lambda case: State.NON_COMPLIANT if case.no_alternative_sanction else State.COMPLETED,
            states=[State.COMPLETED, State.NON_COMPLIANT],
        ),
    )
    def return_from_review(self):
        pass

    @transition(field=state, source=State.IMU_QA, target=State.CLOSED)
    def accept(self):
        pass

    @transition(field=state, source=State.IMU_QA, target=State.SUPERVISOR_REVIEW)
    def return_to_officer(self):
        pass

    @transition(field=state, source=list(OPEN), target=State.WITHDRAWN)
    def withdraw(self):
        pass

    @property
    def facts_editable(self) -> bool:
        return self.state in BEFORE_AGREEMENT


class CaseCount(models.Model):
    """How many cases have one (state, team, owner, juvenile, authorities outstanding):
    kept by crs.cases.counts."""

    state = models.CharField(max_length=30, choices=State.choices)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    juvenile = models.BooleanField()
    authorities_outstanding = models.CharField(max_length=200, blank=True)
    cases = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state", "team", "owner", "juvenile", "authorities_outstanding"],
                name="case_count_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} team {self.team_id} owner {self.owner_id}: {self.cases}"


SEXES = [("female", "Female"), ("male", "Male"), ("not_stated", "Not stated")]

# The 2021 Census of England and Wales: 19 self-defined ethnic groups, in 5 high-level groups
# (the first letter of the code), plus not stated.
ETHNICITIES = [
    ("A1", "Asian or Asian British: Bangladeshi"),
    ("A2", "Asian or Asian British: Chinese"),
    ("A3", "Asian or Asian British: Indian"),
    ("A4", "Asian or Asian British: Pakistani"),
    ("A5", "Asian or Asian British: any other Asian background"),
    ("B1", "Black, Black British, Caribbean or African: Caribbean"),
    ("B2", "Black, Black British, Caribbean or African: African"),
    ("B3", "Black, Black British, Caribbean or African: any other Black background"),
    ("M1", "Mixed or multiple: White and Asian"),
    ("M2", "Mixed or multiple: White and Black African"),
    ("M3", "Mixed or multiple: White and Black Caribbean"),
    ("M4", "Mixed or multiple: any other mixed background"),
    ("W1", "White: English, Welsh, Scottish, Northern Irish or British"),
    ("W2", "White: Irish"),
    ("W3", "White: Gypsy or Irish Traveller"),
    ("W4", "White: Roma"),
    ("W5", "White: any other White background"),
    ("O1", "Other ethnic group: Arab"),
    ("O2", "Other ethnic group: any other ethnic group"),
    ("NS", "Not stated"),
]
ETHNIC_GROUPS = {
    "A": "Asian or Asian British",
    "B": "Black, Black British, Caribbean or African",
    "M": "Mixed or multiple ethnic groups",
    "W": "White",
    "O": "Other ethnic group",
    "N": "Not stated",
}

SATISFACTION = [
    ("very_satisfied", "Very satisfied"),
    ("satisfied", "Satisfied"),
    ("neither", "Neither satisfied nor dissatisfied"),
    ("dissatisfied", "Dissatisfied"),
    ("very_dissatisfied", "Very dissatisfied"),
]


class Person(models.Model):
    """Someone in the case. Demo and test data are fake; real people live in a real deployment."""

    class Role(models.TextChoices):
        OFFENDER = "offender", "Offender"
        VICTIM = "victim", "Victim"
        PARENT_GUARDIAN = "parent_guardian", "Parent or guardian"
        APPROPRIATE_ADULT = "appropriate_adult", "Appropriate adult"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(max_length=20, choices=Role.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    organisation = models.CharField(max_length=200, blank=True, help_text="a victim that is one")
    date_of_birth = models.DateField(null=True, blank=True)
    relationship = models.CharField(max_length=100, blank=True, help_text="to the offender")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    vulnerable = models.BooleanField(default=False)
    capacity_notes = models.TextField(blank=True, help_text="3.4.5: how capacity was confirmed")
    medical_professional = models.CharField(max_length=200, blank=True, help_text="3.4.5")
    # For the fairness figures of the oversight dashboard: recorded as the person defines
    # themselves; "not stated" is an answer, blank means never asked.
    sex = models.CharField(max_length=12, choices=SEXES, blank=True)
    ethnicity = models.CharField(
        max_length=4, choices=ETHNICITIES, blank=True, help_text="self-defined (2021 Census)"
    )

    class Meta:
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip() or self.organisation
        return f"{name} ({self.get_role_display()})"

    @property
    def rows(self) -> list[tuple[str, str, bool]]:
        """The details the record's pages show: (heading, text, long text)."""
        return detail_rows(self)

    @property
    def printed_rows(self) -> list[tuple[str, str, bool]]:
        """The details form 1912 prints: whether someone is vulnerable is always answered."""
        return detail_rows(self, printed=True)


class Detail(NamedTuple):
    """One of a person's details. Every detail is personal data of the person the record
    names; the flags say how crs protects each, for every place that reads them."""

    label: str  # the heading it has on the record's pages
    asked: tuple[str, ...]  # the roles (Person.Role values) it is asked of
    identifies: bool = False  # withheld from a pseudonymised reader (an analyst)
    erased: bool = True  # blanked when the record is disposed of; coded fields stay
    theirs: bool = True  # given to the person in a subject access request
    api: bool = False  # read and written by the JSON API (the rest only on the pages)


_NAMED = ("offender", "victim")  # the people the CR is about, not those who support them
_SUPPORT = ("parent_guardian", "appropriate_adult")
_ALL = (*_NAMED, *_SUPPORT)
# The person's details, declared once, in the order the forms ask them: the services, forms,
# pages, API, admin, retention, subject access and pseudonymisation read them here.
PERSON_DETAILS = {
    "given_name": Detail("First name", _ALL, identifies=True, api=True),
    "family_name": Detail("Last name", _ALL, identifies=True, api=True),
    "organisation": Detail("Organisation", ("victim",), api=True),
    "date_of_birth": Detail("Date of birth", _NAMED, identifies=True, api=True),
    "relationship": Detail("Relationship to the offender", _SUPPORT, api=True),
    "phone": Detail("Phone", _ALL, identifies=True),
    "email": Detail("Email", _ALL, identifies=True),
    "address": Detail("Address", _ALL, identifies=True),
    "vulnerable": Detail("Vulnerable", _NAMED, erased=False, api=True),
    "capacity_notes": Detail("How capacity was confirmed (3.4.5)", ("offender",)),
    # The professional consulted (3.4.5) is another person: named, so withheld; not the
    # subject's own details, so not given to them.
    "medical_professional": Detail(
        "Medical professional (3.4.5)", ("offender",), identifies=True, theirs=False
    ),
    "sex": Detail("Sex", _NAMED),
    "ethnicity": Detail("Ethnic group (self-defined)", _NAMED),
}
NAMES = ("given_name", "family_name", "organisation")  # one of them names someone
# Who the offender is and when they were born: what the assessment reads of the person.
IDENTITY = ("given_name", "family_name", "date_of_birth")
# On the pages an organisation's name comes first, before any person's.
_SHOWN = ("organisation", *(name for name in PERSON_DETAILS if name != "organisation"))


def blank(name: str):
    """What a detail holds when it is not known: None for a date, else empty."""
    return None if Person._meta.get_field(name).null else ""


def detail_rows(person, *, printed: bool = False) -> list[tuple[str, str, bool]]:
    """The details recorded of someone (or a pseudonymised copy, which says `withheld`), as
    the case page and form 1912 show them: (heading, text, whether it is long text)."""
    rows = []
    for name in _SHOWN:
        detail, value = PERSON_DETAILS[name], getattr(person, name)
        if name == "given_name":
            if getattr(person, "withheld", False):
                rows.append(("Name", f"Withheld: {person.pseudonym}", False))
                if person.age_band:
                    rows.append(("Age at the offence", person.age_band, False))
            if person.given_name or person.family_name:
                rows.append(("Name", f"{person.given_name} {person.family_name}", True))
        elif name == "family_name":
            continue  # shown with the first name
        elif name == "vulnerable":
            if printed and person.role in detail.asked:
                rows.append((f"{detail.label} (3.4.5)", "Yes" if value else "No", False))
            elif value and not printed:
                rows.append((detail.label, "Yes", False))
        elif not value:
            continue
        elif name == "date_of_birth":
            rows.append((detail.label, f"{value.day} {value:%B %Y}", False))
        elif Person._meta.get_field(name).choices:
            rows.append((detail.label, getattr(person, f"get_{name}_display")(), False))
        else:
            rows.append((detail.label, value, True))
    return rows


class Assessment(WrittenOnceModel):
    """One run of the engine, kept exactly: the facts it read and the result it gave."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assessments")
    facts = models.JSONField(encoder=DjangoJSONEncoder)
    result = models.JSONField(encoder=DjangoJSONEncoder)
    decision = models.CharField(max_length=30)
    policy = models.CharField(max_length=20)
    policy_version = models.CharField(max_length=20)
    policy_digest = models.CharField(max_length=80, blank=True)
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"{self.case} {self.decision} ({self.policy} {self.policy_version})"

    @property
    def deadlines(self) -> dict:
        return self.result.get("deadlines") or {}

    @property
    def juvenile(self) -> bool:
        return self.deadlines.get("parent_guardian_informed_within_hours") is not None

    @property
    def identifiable_victim(self) -> bool:
        return bool(self.deadlines.get("victim_contact"))


class Authorisation(models.Model):
    """An authority given or refused for one requirement of one assessment (4.2.3)."""

    class Decision(models.TextChoices):
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="authorisations")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    requirement = models.CharField(max_length=60, help_text="the rule code of the requirement")
    paragraph = models.CharField(max_length=10)
    authority = models.CharField(max_length=30)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    given_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    given_by_title = models.CharField(max_length=100, help_text="rank or role when given")
    rationale = models.TextField()
    given_at = models.DateTimeField()
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)

    def save(self, *args, **kwargs):
        # Once given, only voiding may change it (a fact changed, 4.2.3's audit trail).
        if not self._state.adding and set(kwargs.get("update_fields") or ()) - {
            "voided_at",
            "void_reason",
        }:
            raise WrittenOnce("an authorisation can only be voided, not changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise WrittenOnce("authorisation records cannot be removed")


class PreviousOutcome(models.Model):
    """A previous outcome found by matching the offender against earlier cases, or entered."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="previous_outcomes")
    outcome = models.CharField(max_length=30, choices=PREVIOUS_OUTCOMES)
    date = models.DateField()
    category = models.CharField(max_length=30, choices=CATEGORIES, blank=True)
    substance = models.CharField(max_length=20, blank=True)
    matched_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True, help_text="where it was found")

    def as_fact(self) -> dict:
        fact = {"outcome": self.outcome, "date": self.date.isoformat()}
        if self.category:
            fact["category"] = self.category
        if self.substance:
            fact["substance"] = self.substance
        return fact


class VictimView(WrittenOnceModel):
    """What the victim was asked and said (4.3.2, 4.3.3, 4.3.4, 4.6.1, 2.6.1)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="victim_views")
    victim = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    asked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    method = models.CharField(max_length=20)  # one of Contact.Method
    views = models.TextField()
    wishes = models.TextField(blank=True, help_text="4.3.3: actions the victim would like")
    consents = models.BooleanField(null=True, help_text="None: not yet decided")
    questions_answered = models.BooleanField(default=False)
    told_voluntary = models.BooleanField(default=False, help_text="4.3.4")
    told_no_alternative_sanction = models.BooleanField(default=False, help_text="4.6.1")
    satisfaction = models.CharField(
        max_length=30,
        choices=SATISFACTION,
        blank=True,
        help_text="the victim's satisfaction with the outcome, when asked",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    @property
    def method_label(self) -> str:
        return method_label(self.method)


class RemedyAction(models.Model):
    """A Community Remedy action agreed with the offender (4.4.2-4.4.4)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Not completed"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=60, help_text="a Community Remedy id from the policy pack")
    description = models.TextField()
    instant = models.BooleanField()
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    status_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The work lists ask of each case followed whether a deferred action is overdue
            # or due soon (4.4.5): these are the few actions that can be.
            models.Index(
                fields=["case", "due_date"],
                condition=models.Q(status="pending", instant=False),
                name="action_pending_deferred",
            ),
        ]

    def clean(self):
        """Ruling R25: a deferred action is due by the offence date plus 16 weeks (4.4.4)."""
        if self.instant:
            return
        if self.due_date is None:
            raise ValidationError({"due_date": "A deferred action needs a due date (4.4.4)."})
        assessment = self.case.current_assessment
        deadline = guards.outcomes_deadline(assessment)
        if deadline is None:
            raise ValidationError(
                {"due_date": "Assess the case first: the time limit comes from the assessment."}
            )
        if self.due_date > deadline:
            limit = guards.outcomes_limit(assessment)
            raise ValidationError(
                {
                    "due_date": f"An action cannot be due after {deadline:%-d %B %Y}, {limit} "
                    "from the date of the offence (4.4.4)."
                }
            )


class Contact(WrittenOnceModel):
    """A contact with (or attempt to reach) a party: victim, parent or guardian, others (4.3.5)."""

    class Party(models.TextChoices):
        VICTIM = "victim", "Victim"
        PARENT_GUARDIAN = "parent_guardian", "Parent or guardian"
        OFFENDER = "offender", "Offender"
        APPROPRIATE_ADULT = "appropriate_adult", "Appropriate adult"
        WITNESS = "witness", "Witness"

    class Purpose(models.TextChoices):
        BEFORE_DELIVERY = "before_delivery", "Before delivery (3.4.2)"
        INFORM_OF_RESOLUTION = "inform_of_resolution", "Inform of the resolution (3.4.3)"
        AFTER_DELIVERY = "after_delivery", "Immediately after delivery (4.3.5)"
        ON_CONCLUSION = "on_conclusion", "On conclusion of the outcomes (4.3.5)"
        NON_COMPLIANCE = "non_compliance", "Actions not complied with (4.4.5, 4.6.1)"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        SPOKE = "spoke", "Spoke to them"
        NO_ANSWER = "no_answer", "No answer"
        MESSAGE_LEFT = "message_left", "Message left"
        UNREACHABLE = "unreachable", "Could not be reached"
        DECLINED = "declined", "Declined to take part"

    # How a contact, or a victim's views, were made: the web's choices and the API's enum.
    # Not the column's choices, which would only add a migration: the services check.
    class Method(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        TEXT = "text", "Text message"
        VIDEO = "video", "Video call"

    REACHED = (Outcome.SPOKE,)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts")
    party = models.CharField(max_length=20, choices=Party.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    method = models.CharField(max_length=20)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    at = models.DateTimeField()
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "party", "purpose"])]

    @property
    def method_label(self) -> str:
        return method_label(self.method)


def method_label(value: str) -> str:
    """How a contact or a victim's views were taken, in words ("In person", not its code)."""
    return Contact.Method(value).label if value in Contact.Method.values else value


class RestorativeJustice(models.Model):
    """Restorative justice for the case and the 1912 checklist (4.3.1, 4.4.4, 4.5.3)."""

    class Delivery(models.TextChoices):
        NONE = "none", "No restorative process"
        LEVEL1 = "level1", "Level 1 delivered by the officer"
        REFERRED = "referred", "Referred to the Restorative Justice Officer"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="restorative")
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.NONE)
    referral_note = models.TextField(blank=True)
    offender_accepted_responsibility = models.BooleanField(default=False)
    offender_understood_effect = models.BooleanField(default=False)
    victim_shared_views = models.BooleanField(default=False)
    victim_questions_answered = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    @property
    def restorative_process_used(self) -> bool:
        """4.5.3: only when the checklist confirms all four criteria."""
        return (
            self.offender_accepted_responsibility
            and self.offender_understood_effect
            and self.victim_shared_views
            and self.victim_questions_answered
        )


class Signature(WrittenOnceModel):
    """A signature on the 1912 (4.5.1): who signed, their name as written, and when."""

    class Party(models.TextChoices):
        OFFENDER = "offender", "Offender"
        PARENT_GUARDIAN = "parent_guardian", "Parent or guardian"
        VICTIM = "victim", "Victim"
        OFFICER = "officer", "Officer in the case"
        SUPERVISOR = "supervisor", "Supervisor (quality assurance)"
        IMU = "imu", "IMU quality assurer"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="signatures")
    party = models.CharField(max_length=20, choices=Party.choices)
    name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")


class ReviewReturn(WrittenOnceModel):
    """A case returned to the officer with reasons: by the supervisor (4.5.1) or by the IMU
    (4.5.4, "return to the OIC and supervisor for reparative action")."""

    class By(models.TextChoices):
        SUPERVISOR = "supervisor", "Supervisor"
        IMU = "imu", "IMU quality assurance"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="returns")
    by = models.CharField(max_length=20, choices=By.choices)
    reasons = models.TextField()
    returned_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    returned_by_title = models.CharField(max_length=100, help_text="rank or role when returned")
    returned_at = models.DateTimeField()


class Statement(WrittenOnceModel):
    """A record the engine says the 1912 needs (`records_required`), in the officer's words."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(max_length=50, choices=[(k, v[1]) for k, v in RECORDS.items()])
    text = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)


class AssessmentDraft(models.Model):
    """The answers of an assessment not yet saved, kept on the server (one per case) so that
    signing out, the idle limit, a crash or another device loses nothing.

    A working copy, not the record: the case's facts change only when the assessment is
    saved. Written by crs.cases.services.drafts, each answer audited; removed when the
    assessment is saved or the officer starts again. `version` is the case's version the
    answers started from, so a change made meanwhile by someone else is still noticed;
    `revision` counts the saves, so a page can tell whether the draft moved under it.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="assessment_draft"
    )
    facts = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    skipped = models.JSONField(
        default=list, help_text="questions left blank that the decision can do without"
    )
    version = models.PositiveIntegerField()
    revision = models.PositiveIntegerField(default=0)
    # The audit entry of the first answer: what happened to the case after it is "meanwhile".
    started_seq = models.PositiveBigIntegerField()
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
