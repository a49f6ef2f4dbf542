"""The demo force of `crs serve --demo`: a user for every role and cases in every state.

Every case is driven to its state through the services, so the demo data
obey the same guards, and leave the same audit trail, as real work. Names are
made up from short lists; a seeded random generator makes every load the
same. Loading is idempotent: users and cases that exist are left alone.

Each case is lived at the times it would have been: the services stamp
django.utils.timezone.now, so while the demo loads that clock (`Clock`) reads
the time the demo sets, from the day of assessment on: hours between a request
for authority and the decision, days to deliver and complete, some of it after
the 16 weeks, never after the real now. So every figure of the dashboard has
something to show: time to authorise, victims' views and satisfaction,
restorative justice, IMU returns. Cases that have ended are spread over the past
year; those still under way over the last few weeks.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from crs.accounts.authority import can_satisfy
from crs.accounts.models import Rank, Role, Team, User

from . import checklist
from . import services as s
from .guards import outstanding_requirements
from .models import ETHNICITIES, SATISFACTION, Case, Contact, Person
from .workflow import State

DEMO_PASSWORD = "crs-demo-only"
DEFAULT_CASES = 260
SEED = 1912

# username: first, last, rank, substantive rank, role, team, RJ level 1, PCSO power, PSE grade
PEOPLE = {
    "pc_ali": ("Amir", "Ali", Rank.CONSTABLE, "", Role.OFFICER, "North", True, False, ""),
    "pc_jones": ("Bethan", "Jones", Rank.CONSTABLE, "", Role.OFFICER, "South", True, False, ""),
    "sc_singh": (
        "Gurpreet",
        "Singh",
        Rank.SPECIAL_CONSTABLE,
        "",
        Role.OFFICER,
        "North",
        True,
        False,
        "",
    ),
    "pcso_patel": ("Priya", "Patel", Rank.PCSO, "", Role.OFFICER, "North", True, True, ""),
    "ps_okafor": (
        "Chidi",
        "Okafor",
        Rank.POLICE_STAFF,
        "",
        Role.OFFICER,
        "North",
        False,
        False,
        Rank.SERGEANT,
    ),
    "sgt_brown": ("Sam", "Brown", Rank.SERGEANT, "", Role.OFFICER, "North", True, False, ""),
    "insp_carr": ("Jo", "Carr", Rank.INSPECTOR, "", Role.OFFICER, "North", True, False, ""),
    "acting_insp_carr": (
        "Alex",
        "Carr",
        Rank.INSPECTOR,
        Rank.SERGEANT,
        Role.OFFICER,
        "South",
        True,
        False,
        "",
    ),
    "supt_dale": (
        "Morgan",
        "Dale",
        Rank.SUPERINTENDENT,
        "",
        Role.OFFICER,
        "North",
        False,
        False,
        "",
    ),
    "yjt_supervisor": (
        "Robin",
        "Yates",
        Rank.NONE,
        "",
        Role.YOUTH_JUSTICE_SUPERVISOR,
        "",
        False,
        False,
        "",
    ),
    "rev_evans": (
        "Dana",
        "Evans",
        Rank.SERGEANT,
        "",
        Role.SUPERVISOR_REVIEWER,
        "North",
        False,
        False,
        "",
    ),
    "imu_fisher": (
        "Lee",
        "Fisher",
        Rank.POLICE_STAFF,
        "",
        Role.IMU_QUALITY_ASSURER,
        "",
        False,
        False,
        "",
    ),
    "rjo_green": ("Kit", "Green", Rank.POLICE_STAFF, "", Role.RJ_OFFICER, "", True, False, ""),
    "vja_hughes": (
        "Ash",
        "Hughes",
        Rank.POLICE_STAFF,
        "",
        Role.VICTIM_JUSTICE_ANALYST,
        "",
        False,
        False,
        "",
    ),
    "admin": ("Ali", "Admin", Rank.NONE, "", Role.ADMINISTRATOR, "", False, False, ""),
}
TEAMS = {"North": "Demoshire North", "South": "Demoshire South"}
OWNERS = ("pc_ali", "pc_jones", "sc_singh")
AUTHORISERS = ("sgt_brown", "insp_carr", "supt_dale", "yjt_supervisor")

GIVEN = (
    "Avery",
    "Blake",
    "Casey",
    "Drew",
    "Emery",
    "Finley",
    "Harper",
    "Jamie",
    "Kai",
    "Logan",
    "Morgan",
    "Parker",
    "Quinn",
    "Reese",
    "Rowan",
    "Sage",
    "Skyler",
    "Taylor",
)
FAMILY = (
    "Ashdown",
    "Brackley",
    "Coldharbour",
    "Dunmere",
    "Elstow",
    "Fenwick",
    "Glaston",
    "Hartfield",
    "Inchmore",
    "Kettleby",
    "Larkhill",
    "Marlow",
    "Netherby",
    "Oakridge",
    "Penhallow",
    "Redbrook",
    "Stanmore",
    "Thornbury",
    "Upwell",
    "Wexcombe",
)
OFFENCES = (
    ("theft", "Theft of groceries worth {n} pounds from a shop", "organisation"),
    ("criminal_damage", "Damage to a garden fence, repair cost {n} pounds", "person"),
    ("public_order", "Threatening words in a street argument", "state"),
    ("theft", "Theft of a bicycle light worth {n} pounds", "person"),
)
# The road each state is reached by; a case walks it through the services.
ROADS = {
    State.DRAFT: (),
    State.ASSESSED: ("assess",),
    State.AWAITING_AUTHORISATION: ("assess", "request"),
    State.AUTHORISED: ("assess", "request", "authorise"),
    State.REFUSED: ("assess", "request", "refuse"),
    State.AGREED: ("assess", "authorise_if_needed", "plan", "agree"),
    State.ACTIONS_IN_PROGRESS: ("assess", "authorise_if_needed", "plan", "agree", "start"),
    State.COMPLETED: ("assess", "authorise_if_needed", "plan", "agree", "start", "complete"),
    State.NON_COMPLIANT: ("assess", "authorise_if_needed", "plan", "agree", "start", "fail"),
    State.SUPERVISOR_REVIEW: (
        "assess",
        "authorise_if_needed",
        "plan",
        "agree",
        "start",
        "finish",
        "submit",
    ),
    State.IMU_QA: (
        "assess",
        "authorise_if_needed",
        "plan",
        "agree",
        "start",
        "finish",
        "submit",
        "approve",
    ),
    State.CLOSED: (
        "assess",
        "authorise_if_needed",
        "plan",
        "agree",
        "start",
        "finish",
        "submit",
        "approve",
        "accept",
    ),
    State.WITHDRAWN: ("assess", "withdraw"),
}


# States that have ended (or nearly): their offences are spread over the past year.
SETTLED = {
    State.REFUSED,
    State.COMPLETED,
    State.NON_COMPLIANT,
    State.SUPERVISOR_REVIEW,
    State.IMU_QA,
    State.CLOSED,
    State.WITHDRAWN,
}
IMU_REASONS = (
    "Victim not told of the outcome",
    "Signature of the offender missing",
    "Restorative justice checklist incomplete",
)
VIEWS = (
    "Wants an apology and the goods paid for.",
    "Happy for it to be dealt with without court.",
    "Would like to know the outcome.",
)


class Clock:
    """What django.utils.timezone.now reads while the demo loads: the time the demo sets,
    moved on step by step, never past `cap` (the real now, or the end of the demo's day)."""

    def __init__(self, cap: datetime):
        self.cap = cap
        self.now = cap
        self.today = timezone.localdate(cap)  # the demo's day: offences are dated before it

    def __call__(self) -> datetime:
        return self.now

    def start(self, day: date, rng: random.Random) -> None:
        at = datetime.combine(day, time(8), tzinfo=self.cap.tzinfo)
        self.now = min(self.cap, at + timedelta(minutes=rng.randint(0, 540)))

    def wait(self, **delay) -> None:
        self.now = min(self.cap, self.now + timedelta(**delay))

    def day(self) -> date:
        return timezone.localdate(self.now)


@contextmanager
def _living(clock: Clock):
    real = timezone.now
    timezone.now = clock
    try:
        yield clock
    finally:
        timezone.now = real


@dataclass
class Summary:
    users: list[tuple[str, str]] = field(default_factory=list)
    cases: int = 0
    created: int = 0


def load_demo(cases: int = DEFAULT_CASES, *, today: date | None = None) -> Summary:
    """Create what is missing of the demo force; return the logins and the case counts."""
    real_now = timezone.now()
    today = today or timezone.localdate(real_now)
    cap = real_now
    if today != timezone.localdate(real_now):
        cap = timezone.make_aware(datetime.combine(today, time(17)))
    with transaction.atomic():
        users = _users()
        summary = Summary(users=[(u.username, u.title) for u in users.values()])
        states = list(ROADS)
        existing = set(
            Case.objects.filter(crime_reference__startswith="DEMO-").values_list(
                "crime_reference", flat=True
            )
        )
        created = []
        with _living(Clock(cap)) as clock:
            for i in range(cases):
                reference = f"DEMO-{i + 1:05d}"
                if reference in existing:
                    continue
                rng = random.Random(f"{SEED}-{i}")
                target = states[i % len(states)]
                _drive(rng, reference, target, users, clock, juvenile=i % 5 == 4)
                created.append(reference)
        # Changed now, as far as anything reading changes since a time is concerned (the
        # dashboard's refresh, the lists' copies): the history is in the audit trail.
        Case.objects.filter(crime_reference__in=created).update(updated_at=real_now)
        summary.created = len(created)
        summary.cases = len(existing) + len(created)
    return summary


def _users() -> dict[str, User]:
    teams = {
        key: Team.objects.get_or_create(name=name, defaults={"district": "Demoshire"})[0]
        for key, name in TEAMS.items()
    }
    password = None
    users = {}
    for username, (first, last, rank, subst, role, team, rj, pcso, pse) in PEOPLE.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            # One slow hash for all: the demo password is the same for every login.
            password = password or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                rank=rank,
                substantive_rank=subst,
                role=role,
                team=teams.get(team),
                rj_level1_trained=rj,
                pcso_designated_power=pcso,
                pse_equivalent_rank=pse,
                password=password,
                is_staff=role == Role.ADMINISTRATOR,
                is_superuser=role == Role.ADMINISTRATOR,
            )
        users[username] = user
    return users


def _facts(rng: random.Random, today: date, juvenile: bool, settled: bool) -> tuple[dict, str]:
    category, text, victim = rng.choice(OFFENCES)
    offence_date = today - timedelta(days=rng.randint(3, 365 if settled else 50))
    if juvenile:
        born = offence_date - timedelta(days=365 * rng.randint(12, 16) + rng.randint(0, 300))
        gravity = {"matrix": "child", "base_score": 2, "final_score": 2}
    else:
        born = offence_date - timedelta(days=365 * rng.randint(19, 60) + rng.randint(0, 300))
        gravity = {"matrix": "adult", "base_score": 1, "final_score": 1}
    consents = rng.random() > 0.2
    previous = []
    if rng.random() < 0.25:
        previous = [
            {"outcome": "penalty_notice", "date": (offence_date - timedelta(days=400)).isoformat()}
        ]
    facts = {
        "assessed_on": min(today, offence_date + timedelta(days=rng.randint(0, 3))).isoformat(),
        "offence": {
            "date": offence_date.isoformat(),
            "category": category,
            "description": text.format(n=rng.randint(5, 60)),
            "gravity": gravity,
        },
        "offender": {
            "date_of_birth": born.isoformat(),
            "accepts_responsibility": True,
            "understands_process": True,
            "consents": True,
            "court_order": False,
            "bail_post_charge": False,
            "suspended_sentence": False,
            "wanted_on_warrant": False,
            "previous_outcomes": previous,
        },
        "victim": {"kind": victim}
        | (
            {"consulted": True, "consents": consents, "opportunity_to_express_views": True}
            if victim != "state"
            else {}
        ),
    }
    return facts, victim


def _self_described(reference: str) -> dict:
    """Sex and self-defined ethnicity for the dashboard's fairness figures: from a generator
    of their own, so the rest of the demo stays as it was."""
    own = random.Random(f"{SEED}-{reference}")
    groups = [code for code, _ in ETHNICITIES]
    weights = [3 if code == "W1" else 1 for code in groups]
    return {
        "sex": own.choices(["male", "female", "not_stated"], [70, 27, 3])[0],
        "ethnicity": own.choices(groups, weights)[0],
    }


def _drive(rng, reference, target, users, clock, *, juvenile: bool) -> None:
    owner = users[rng.choice(OWNERS)]
    facts, victim_kind = _facts(rng, clock.today, juvenile, target in SETTLED)
    born = facts["offender"].pop("date_of_birth")  # the offender's, not the case's (0011)
    clock.start(date.fromisoformat(facts["assessed_on"]), rng)
    case = s.open_case(
        owner,
        crime_reference=reference,
        facts=facts,
        gravity_rationale="The matrix score for the offence; no aggravating factors.",
    )
    offender = s.add_person(
        case,
        owner,
        role=Person.Role.OFFENDER,
        given_name=rng.choice(GIVEN),
        family_name=rng.choice(FAMILY),
        date_of_birth=born,
        **_self_described(reference),
    )
    case = offender.case
    if victim_kind == "person":
        case = s.add_person(
            case,
            owner,
            role=Person.Role.VICTIM,
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
        ).case
    elif victim_kind == "organisation":
        case = s.add_person(
            case, owner, role=Person.Role.VICTIM, organisation=f"{rng.choice(FAMILY)} Stores"
        ).case
    for step in ROADS[target]:
        clock.wait(minutes=rng.randint(5, 90))
        case = STEPS[step](case, owner, users, rng, clock) or case
        case = Case.objects.get(pk=case.pk)


def _assess(case, owner, users, rng, clock):
    s.assess(case, owner)


def _request(case, owner, users, rng, clock):
    assessment = case.current_assessment
    if assessment.decision != "authorisation_required":
        # Make the case need authority: the victim was not consulted (4.3.2).
        facts = dict(
            case.facts,
            victim={
                "kind": "person",
                "consulted": False,
                "consents": False,
                "opportunity_to_express_views": False,
            },
        )
        case = s.update_facts(case, owner, facts, reason="The victim could not be consulted.")
        s.assess(case, owner)
        case = Case.objects.get(pk=case.pk)
    return s.request_authorisation(case, owner)


def _decision_wait(rng, clock) -> None:
    """Most decisions within a working day, some after days."""
    clock.wait(hours=min(240.0, rng.expovariate(1 / 12)))


def _authorise(case, owner, users, rng, clock):
    for name in AUTHORISERS:
        if case.state != State.AWAITING_AUTHORISATION:
            break
        entries = outstanding_requirements(case)
        user = users[name]
        if any(can_satisfy(user, e) for e in entries) and user != owner:
            _decision_wait(rng, clock)
            outstanding = s.authorise(
                case,
                user,
                rationale="Proportionate: first offence of its kind, victim's views considered.",
            )
            case = outstanding
    return case


def _authorise_if_needed(case, owner, users, rng, clock):
    if case.current_assessment.decision == "authorisation_required":
        case = s.request_authorisation(case, owner)
        return _authorise(case, owner, users, rng, clock)
    return case


def _refuse(case, owner, users, rng, clock):
    entry = case.current_assessment.result["authorisations"][0]
    user = next(users[n] for n in AUTHORISERS if can_satisfy(users[n], entry))
    _decision_wait(rng, clock)
    return s.refuse_authorisation(
        case, user, rationale="A caution is the proportionate outcome given the history."
    )


def _plan(case, owner, users, rng, clock):
    clock.wait(hours=rng.randint(2, 96))
    today = clock.day()
    assessment = case.current_assessment
    deadline = date.fromisoformat(assessment.deadlines["outcomes_complete_by"])
    s.add_action(case, owner, kind="verbal_apology", description="Apologise to the victim.")
    case = Case.objects.get(pk=case.pk)
    due = min(deadline, today + timedelta(days=rng.randint(7, 60)))
    if due >= today and assessment.deadlines.get("deferred_outcomes_allowed"):
        s.add_action(
            case,
            owner,
            kind="financial_compensation",
            description="Pay for the damage or the goods taken.",
            due_date=due,
        )
    case = Case.objects.get(pk=case.pk)
    if assessment.juvenile:
        case = s.log_contact(
            case,
            owner,
            party=Contact.Party.PARENT_GUARDIAN,
            purpose=Contact.Purpose.BEFORE_DELIVERY,
            method="phone",
            outcome=Contact.Outcome.SPOKE,
        ).case
    if assessment.identifiable_victim:
        s.record_victim_view(
            case,
            owner,
            asked_at=clock(),
            method="phone",
            views=rng.choice(VIEWS),
            consents=True,
            questions_answered=True,
            told_voluntary=True,
        )
        case = Case.objects.get(pk=case.pk)
    return case


def _agree(case, owner, users, rng, clock):
    case = s.agree(case, owner, note="Agreed and signed by the offender.")
    if case.current_assessment.identifiable_victim:
        case = s.log_contact(
            case, owner, party="victim", purpose="after_delivery", method="phone", outcome="spoke"
        ).case
    if rng.random() < 0.35:  # a restorative element: level 1 by the officer, or a referral
        if owner.rj_level1_trained and rng.random() < 0.6:
            s.record_restorative(case, owner, delivery="level1", victim_shared_views=True)
        else:
            s.record_restorative(
                case, owner, delivery="referred", referral_note="The victim asked to meet."
            )
        case = Case.objects.get(pk=case.pk)
    return _record_in_full(case, owner, clock)


# What the officer writes for each record the 1912 asks of them (crs.cases.checklist).
WRITTEN = {
    "acceptance_of_responsibility": "Admitted the offence when spoken to, in their own words.",
    "offender_consent": "Consents to the Community Resolution and the actions set.",
    "dbs_disclosure_explained": "Told the CR may be disclosed on an enhanced DBS check; no "
    "assurance given.",
    "offender_told_named_on_crime_report": "Told they will be named on the crime report.",
}


def _signed_by(case, party: str, owner) -> str:
    """The name a party signs with: the person recorded in that role, if any."""
    if party == "officer":
        return owner.get_full_name() or owner.username
    person = case.people.filter(role=party).order_by("pk").first()
    if person is None and party == "parent_guardian":
        person = case.people.filter(role=Person.Role.OFFENDER).first()
        return f"A. {person.family_name}" if person else "A parent"
    return str(person).rsplit(" (", 1)[0] if person else "Signed"


def _record_in_full(case, owner, clock):
    """What a careful officer has written by now: every record the 1912 asks of them that
    the case's stage allows (the contacts with the victim are the steps' own)."""
    missing = {line.key for line in checklist.outstanding(case)}
    for kind in sorted(missing & set(checklist.STATEMENTS)):
        text = WRITTEN.get(kind, "Recorded on the investigation log and here.")
        case = s.add_statement(case, owner, kind=kind, text=text).case
    if missing & {"victim_views", "victim_told_voluntary", "victim_told_no_alternative_sanction"}:
        case = s.record_victim_view(
            case,
            owner,
            asked_at=clock(),
            method="phone",
            views="Content for the officer to deal with it this way.",
            consents=True,
            told_voluntary=True,
            told_no_alternative_sanction=True,
        ).case
    for party in checklist.SIGNERS:
        if f"signature_{party}" in missing:
            case = s.sign(case, owner, party=party, name=_signed_by(case, party, owner)).case
    return Case.objects.get(pk=case.pk)


def _start(case, owner, users, rng, clock):
    """The instant actions marked done, which starts the monitoring of the deferred ones
    (crs.cases.services.complete_action); with none to mark, the monitoring is started."""
    for action in case.actions.filter(instant=True, status="pending"):
        s.complete_action(case, owner, action, note="Apology given when the CR was delivered.")
        case = Case.objects.get(pk=case.pk)
    if case.state == State.AGREED and case.actions.filter(instant=False, status="pending").exists():
        return s.start_actions(case, owner)
    return case


def _complete(case, owner, users, rng, clock):
    clock.wait(days=rng.randint(5, 130))  # some after the 16 weeks (4.4.4)
    for action in case.actions.filter(status="pending"):
        s.complete_action(case, owner, action, note="Receipt seen.")
        case = Case.objects.get(pk=case.pk)
    case = s.complete(case, owner)
    if case.current_assessment.identifiable_victim:
        case = s.log_contact(
            case, owner, party="victim", purpose="on_conclusion", method="phone", outcome="spoke"
        ).case
        s.record_victim_view(
            case,
            owner,
            asked_at=clock(),
            method="phone",
            views="Asked how they felt about the outcome.",
            consents=None,
            satisfaction=rng.choices([k for k, _ in SATISFACTION], [3, 4, 2, 1, 1])[0],
        )
        case = Case.objects.get(pk=case.pk)
    return case


def _fail(case, owner, users, rng, clock):
    if not case.actions.exclude(status="completed").exists():
        return _complete(case, owner, users, rng, clock)
    clock.wait(days=rng.randint(10, 60))
    case = s.record_non_compliance(case, owner, reason="Compensation not paid by the due date.")
    if case.current_assessment.identifiable_victim:
        case = s.log_contact(
            case, owner, party="victim", purpose="non_compliance", method="phone", outcome="spoke"
        ).case
    return case


def _finish(case, owner, users, rng, clock):
    return (_fail if rng.random() < 0.2 else _complete)(case, owner, users, rng, clock)


def _submit(case, owner, users, rng, clock):
    clock.wait(hours=rng.randint(4, 72))
    return s.submit_for_review(_record_in_full(case, owner, clock), owner)


def _approve(case, owner, users, rng, clock):
    clock.wait(hours=rng.randint(2, 48))
    return s.approve_review(case, users["rev_evans"], note="Checked and signed.")


def _accept(case, owner, users, rng, clock):
    clock.wait(hours=rng.randint(4, 96))
    if rng.random() < 0.3:  # returned once for reparative action (4.5.4), then put right
        case = s.imu_return(case, users["imu_fisher"], reasons=rng.choice(IMU_REASONS))
        clock.wait(hours=rng.randint(24, 120))
        case = _approve(case, owner, users, rng, clock)
        clock.wait(hours=rng.randint(4, 48))
    return s.imu_accept(case, users["imu_fisher"], note="Compliant with O32g.")


def _withdraw(case, owner, users, rng, clock):
    clock.wait(days=rng.randint(0, 5))
    return s.withdraw(case, owner, reason="The offender was charged with a linked offence.")


STEPS = {
    "assess": _assess,
    "request": _request,
    "authorise": _authorise,
    "authorise_if_needed": _authorise_if_needed,
    "refuse": _refuse,
    "plan": _plan,
    "agree": _agree,
    "start": _start,
    "complete": _complete,
    "fail": _fail,
    "finish": _finish,
    "submit": _submit,
    "approve": _approve,
    "accept": _accept,
    "withdraw": _withdraw,
}
