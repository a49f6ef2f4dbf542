"""`crs seed --cases N`: a force's caseload of fake cases, loaded fast, for benchmarks.

The demo force (crs.cases.demo) walks each case through the services, which is right
for a few hundred cases and far too slow for a million. Here the rows are written in
bulk instead (COPY on PostgreSQL, multi-row INSERTs elsewhere), shaped as the services
would have left them: every case in a state its records justify (the guards of the
road to it hold), assessments stored exactly as the real engine gave them, authorities
given by people whose rank or role satisfies them, actions within the 16 weeks, the
contacts the SOP asks for, closed dates spread over three years.

The engine runs once per distinct facts document; a document is shared by about
`SHARE` cases (the people's names, sexes and ethnicities, the owners and the dates of
the later steps differ). Seeded cases carry no audit entries: nobody did the work.
A seeded random generator makes every load with the same N and --seed the same.
"""

from __future__ import annotations

import random
import threading
import time
from bisect import bisect
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import accumulate
from operator import itemgetter

import orjson
from django.db import connection, models, transaction
from django.utils import timezone

from crs.accounts.authority import can_satisfy
from crs.accounts.models import Rank, Role, Team, User
from crs.policy import assess_document

from . import counts
from .demo import _users as demo_users
from .models import (
    ETHNICITIES,
    SATISFACTION,
    Assessment,
    Authorisation,
    Case,
    Contact,
    Person,
    PreviousOutcome,
    RemedyAction,
    Signature,
    VictimView,
)
from .summary import authority_tokens
from .workflow import AFTER_DELIVERY, OPEN, State

SEED = 1912
SHARE = 20  # cases per distinct facts document
MAX_DOCUMENTS = 50_000
CHUNK = 10_000  # cases generated, then written, at a time
YEARS = 3
RECENT_DAYS = 90  # open cases were assessed within this many days
REFERENCE = "SEED"

# A three-year caseload: mostly finished, the open ones recent. Weights, not percentages.
STATES = {
    State.DRAFT: 2,
    State.ASSESSED: 3,
    State.AWAITING_AUTHORISATION: 3,
    State.AUTHORISED: 2,
    State.REFUSED: 3,
    State.AGREED: 3,
    State.ACTIONS_IN_PROGRESS: 6,
    State.COMPLETED: 2,
    State.NON_COMPLIANT: 2,
    State.SUPERVISOR_REVIEW: 4,
    State.IMU_QA: 3,
    State.CLOSED: 62,
    State.WITHDRAWN: 5,
}
REVIEWED = {State.SUPERVISOR_REVIEW, State.IMU_QA, State.CLOSED}
AFTER_AGREEMENT = set(AFTER_DELIVERY) | REVIEWED
FINISHED = {State.COMPLETED, State.NON_COMPLIANT} | REVIEWED

DISTRICTS = ("Ashvale", "Brookmere", "Coldwater", "Dunholm", "Eastwick", "Fernbridge")
TEAMS_PER_DISTRICT = 4
CONSTABLES_PER_TEAM = 10

GIVEN = (
    "Avery", "Blake", "Casey", "Drew", "Emery", "Finley", "Harper", "Jamie", "Kai", "Logan",
    "Morgan", "Parker", "Quinn", "Reese", "Rowan", "Sage", "Skyler", "Taylor", "Alex", "Bailey",
    "Cameron", "Dakota", "Eden", "Frankie", "Glen", "Hayden", "Indy", "Jordan", "Kendall", "Lee",
    "Marley", "Nico", "Oakley", "Peyton", "Remy", "Sam", "Tatum", "Umar", "Val", "Wren",
    "Yael", "Zion", "Arden", "Bryn", "Carys", "Dara", "Ellis", "Fen", "Gale", "Hollis",
    "Isla", "Jude", "Kit", "Lane", "Milan", "Noor", "Ola", "Pip", "Rory", "Shay",
)  # fmt: skip
FAMILY_START = (
    "Ash", "Brack", "Cold", "Dun", "Els", "Fen", "Glas", "Hart", "Inch", "Kettle", "Lark",
    "Mar", "Nether", "Oak", "Pen", "Red", "Stan", "Thorn", "Up", "Wex", "Bram", "Crow",
    "Dray", "Farn", "Gold", "Holm", "Lang", "Mill", "Rook", "Wood",
)  # fmt: skip
FAMILY_END = (
    "down", "ley", "harbour", "mere", "stow", "wick", "ton", "field", "more", "by", "hill",
    "well",
)  # fmt: skip
FAMILY = tuple(a + b for a in FAMILY_START for b in FAMILY_END)
# Roughly a county's mix: most White British, every group present, some not stated.
ETHNIC_WEIGHTS = {code: 1 for code, _ in ETHNICITIES} | {"W1": 60, "W5": 5, "NS": 6, "A3": 3}
SEX_WEIGHTS = {"male": 70, "female": 27, "not_stated": 3}
CATEGORY_WEIGHTS = {
    "theft": 30,
    "criminal_damage": 18,
    "public_order": 14,
    "assault": 10,
    "drugs_possession": 10,
    "harassment": 4,
    "fraud": 3,
    "traffic": 2,
    "animal": 1,
    "other": 4,
}
DESCRIPTIONS = {
    "theft": "Theft of goods worth {n} pounds from a shop",
    "criminal_damage": "Damage to a fence, repair cost {n} pounds",
    "public_order": "Threatening words in a street argument",
    "assault": "Pushed the victim during an argument, no injury",
    "drugs_possession": "Found in possession of a small amount of cannabis",
    "harassment": "Repeated unwanted messages over {n} days",
    "fraud": "Used a found bank card for purchases of {n} pounds",
    "traffic": "Drove without due care in a car park",
    "animal": "Let a dog out of control in a park",
    "other": "Dispute between neighbours over {n} pounds",
}
VICTIM_FOR = {"public_order": "state", "drugs_possession": "state", "traffic": "state"}
RATIONALE = "Proportionate: first offence of its kind, the victim's views considered."


@dataclass(frozen=True)
class Weights:
    """A weighted choice with its running totals worked out once (random.choices redoes them)."""

    items: tuple
    totals: tuple

    @classmethod
    def of(cls, weights: dict) -> Weights:
        return cls(tuple(weights), tuple(accumulate(weights.values())))


def pick(rng: random.Random, weights: Weights):
    return weights.items[bisect(weights.totals, rng.random() * weights.totals[-1])]


STATE_PICK = Weights.of(STATES)
SEX_PICK = Weights.of(SEX_WEIGHTS)
ETHNIC_PICK = Weights.of(ETHNIC_WEIGHTS)
CATEGORY_PICK = Weights.of(CATEGORY_WEIGHTS)


@dataclass
class Document:
    """One distinct facts document and what the engine said of it, serialised once."""

    facts: dict
    result: dict
    case_facts: str
    assessed_facts: str
    result_json: str
    offence_date: date
    assessed_on: date
    deadline: date | None
    juvenile: bool
    victim_kind: str
    deferrable: bool

    @property
    def decision(self) -> str:
        return self.result["decision"]


@dataclass
class Force:
    teams: list[Team]
    owners: list[list[User]]  # per team: the constables who own its cases
    sergeants: list[User]  # per team
    authorisers: dict[str, User]  # an authority → someone who satisfies it
    reviewer: User
    imu: User


@dataclass
class Tables:
    """Rows to write, per model, as tuples in `columns` order (JSON as text)."""

    columns: dict[type[models.Model], list[str]]
    rows: dict[type[models.Model], list[tuple]] = field(default_factory=dict)
    next_id: dict[type[models.Model], int] = field(default_factory=dict)

    def __post_init__(self):
        self.order = {m: itemgetter(*columns) for m, columns in self.columns.items()}

    def add(self, model, **values) -> int:
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        values["id"] = pk
        self.rows.setdefault(model, []).append(self.order[model](values))
        return pk


@dataclass
class Summary:
    cases: int = 0
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    states: dict[str, int] = field(default_factory=dict)


MODELS = (
    Case,
    Person,
    PreviousOutcome,
    Assessment,
    Authorisation,
    VictimView,
    RemedyAction,
    Contact,
    Signature,
)


def seed(
    cases: int,
    *,
    seed: int = SEED,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Add `cases` seeded cases (references SEED<seed>/0000001...) and return what was made."""
    if cases < 1:
        raise ValueError("--cases: give a positive number of cases")
    started = time.perf_counter()
    today = today or timezone.localdate()
    prefix = f"{REFERENCE}{seed}/"
    if Case.objects.filter(crime_reference__startswith=prefix).exists():
        raise ValueError(
            f"cases {prefix}... are already loaded: use another --seed or a fresh database"
        )
    with transaction.atomic():
        force = _force()
    rng = random.Random(seed)
    documents = _documents(rng, cases, today)
    distinct = {id(d) for group in documents.values() for d in group}
    summary = Summary(cases=cases, documents=len(distinct))
    columns = {m: [f.attname for f in m._meta.concrete_fields] for m in MODELS}
    tables = Tables(columns)
    # All or nothing: one transaction, so an interrupted load leaves no half-made cases.
    with transaction.atomic(), _bulk_load(cases):
        for model in MODELS:
            tables.next_id[model] = (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        writer = _Writer(columns)
        for start in range(0, cases, CHUNK):
            tables.rows = {}
            for i in range(start, min(cases, start + CHUNK)):
                state = pick(rng, STATE_PICK)
                summary.states[state] = summary.states.get(state, 0) + 1
                _case(tables, rng, f"{prefix}{i + 1:07d}", state, documents, force, today)
            writer.write(tables.rows)
            for model, rows in tables.rows.items():
                summary.rows[model.__name__] = summary.rows.get(model.__name__, 0) + len(rows)
            if progress:
                progress(min(cases, start + CHUNK), cases)
        writer.wait()
        _reset_sequences()
        # Written in bulk, not through the services: the kept counts are recounted once.
        counts.rebuild()
    summary.seconds = time.perf_counter() - started
    return summary


# --- the force -------------------------------------------------------------------------


def _force() -> Force:
    users = demo_users()
    teams = [users["pc_ali"].team, users["pc_jones"].team]
    for district in DISTRICTS:
        for k in range(1, TEAMS_PER_DISTRICT + 1):
            team, _ = Team.objects.get_or_create(
                name=f"{district} {k}", defaults={"district": district}
            )
            teams.append(team)
    wanted = []
    for t, team in enumerate(teams):
        wanted.append(_officer(f"seed_ps_{t:03d}", Rank.SERGEANT, team))
        wanted += [
            _officer(f"seed_pc_{t:03d}_{k:02d}", Rank.CONSTABLE, team)
            for k in range(CONSTABLES_PER_TEAM)
        ]
    User.objects.bulk_create(wanted, ignore_conflicts=True)
    made = {u.username: u for u in User.objects.filter(username__startswith="seed_")}
    owners, sergeants = [], []
    for t, team in enumerate(teams):
        mine = [made[f"seed_pc_{t:03d}_{k:02d}"] for k in range(CONSTABLES_PER_TEAM)]
        # The demo's constables own cases like any other in their team.
        mine += [u for n, u in users.items() if n in ("pc_ali", "pc_jones") and u.team == team]
        owners.append(mine)
        sergeants.append(made[f"seed_ps_{t:03d}"])
    authorisers = {
        "inspector": users["insp_carr"],
        "substantive_inspector": users["insp_carr"],
        "superintendent": users["supt_dale"],
        "youth_justice_supervisor": users["yjt_supervisor"],
    }
    for name, user in authorisers.items():
        assert can_satisfy(user, name), f"{user} cannot give {name}"
    # Ruling R39: a stored assessment's officer facts are its owner's record.
    for user in (u for mine in owners for u in mine):
        assert user.officer_facts() == OFFICER, f"{user} does not deliver as OFFICER says"
    return Force(teams, owners, sergeants, authorisers, users["rev_evans"], users["imu_fisher"])


def _officer(username: str, rank: str, team: Team) -> User:
    first, last = username.split("_")[1:3]
    return User(
        username=username,
        first_name=first.upper(),
        last_name=f"{team.name} {last}",
        rank=rank,
        role=Role.OFFICER,
        team=team,
        rj_level1_trained=True,
        password="!seeded-no-login",  # an unusable password: nobody signs in as these
    )


# --- the facts documents, each assessed once ---------------------------------------------

# Every owner is a constable trained to RJ level 1, so one officer group (their record's
# facts, Ruling R39; _force checks) fits every case.
OFFICER = {"role": "constable", "rj_level1_trained": True}


def _documents(rng: random.Random, cases: int, today: date) -> dict[tuple, list[Document]]:
    """Distinct documents, grouped by (recent, kind) where kind says which states they fit."""
    count = max(1, min(MAX_DOCUMENTS, cases // SHARE))
    # Enough of every kind even for a few cases: a test seeds 30.
    count = max(count, 120)
    groups: dict[tuple, list[Document]] = {}
    for n in range(count):
        recent = n % 4 == 0
        doc = _document(rng, today, recent=recent)
        for kind in _kinds(doc):
            groups.setdefault((recent, kind), []).append(doc)
    return groups


def _kinds(doc: Document) -> list[str]:
    kinds = ["any"]
    if doc.decision == "eligible":
        kinds.append("resolvable")
    if doc.decision == "authorisation_required":
        kinds += ["resolvable", "authority"]
    if "resolvable" in kinds and doc.deferrable:
        kinds.append("deferrable")
    return kinds


def _document(rng: random.Random, today: date, *, recent: bool) -> Document:
    days = RECENT_DAYS if recent else 365 * YEARS
    assessed = today - timedelta(days=rng.randint(1 if recent else RECENT_DAYS, days))
    offence_day = assessed - timedelta(days=rng.choices((0, 1, 2, 5, 10), (40, 30, 15, 10, 5))[0])
    juvenile = rng.random() < 0.2
    age = rng.randint(12, 17) if juvenile else rng.randint(18, 70)
    # Aged `age` on the day of the assessment, whose age picks the matrix (Ruling R29), well
    # clear of a birthday whatever the leap days: never 18 on a child's, 17 on an adult's.
    born = assessed - timedelta(days=365 * age + rng.randint(10, 355))
    category = pick(rng, CATEGORY_PICK)
    base = rng.choices((1, 2, 3), (15, 75, 10))[0] if juvenile else rng.choices((1, 2), (85, 15))[0]
    offence = {
        "date": offence_day.isoformat(),
        "category": category,
        "description": DESCRIPTIONS[category].format(n=rng.randint(5, 90)),
        "gravity": {
            "matrix": "child" if juvenile else "adult",
            "base_score": base,
            "final_score": base,
        },
    }
    if category == "drugs_possession":
        offence["drug"] = {"class": "B", "substance": "cannabis", "personal_use": True}
    victim_kind = VICTIM_FOR.get(category) or rng.choices(("person", "organisation"), (60, 40))[0]
    victim: dict = {"kind": victim_kind}
    if victim_kind != "state":
        victim |= {
            "consulted": rng.random() < 0.93,
            "consents": rng.random() < 0.85,
            "opportunity_to_express_views": True,
        }
    previous = []
    if rng.random() < 0.2:
        previous.append(
            {
                "outcome": rng.choice(("penalty_notice", "community_resolution", "simple_caution")),
                "date": (offence_day - timedelta(days=rng.randint(200, 1500))).isoformat(),
                "category": rng.choice(list(CATEGORY_WEIGHTS)),
            }
        )
    facts = {
        "assessed_on": assessed.isoformat(),
        "offence": offence,
        "offender": {
            "date_of_birth": born.isoformat(),
            "accepts_responsibility": True,
            "understands_process": True,
            "consents": rng.random() < 0.97,
            "court_order": False,
            "bail_post_charge": False,
            "suspended_sentence": False,
            "wanted_on_warrant": False,
            "previous_outcomes": previous,
        },
        "victim": victim,
    }
    assessed_facts = {**facts, "officer": dict(OFFICER)}
    result = assess_document(assessed_facts)
    # The case's working facts hold no date of birth: it is the offender's (decision 0011).
    working = {
        **facts,
        "offender": {k: v for k, v in facts["offender"].items() if k != "date_of_birth"},
    }
    deadlines = result.get("deadlines") or {}
    deadline = deadlines.get("outcomes_complete_by")
    return Document(
        facts=facts,
        result=result,
        case_facts=_json(working),
        assessed_facts=_json(assessed_facts),
        result_json=_json(result),
        offence_date=offence_day,
        assessed_on=assessed,
        deadline=date.fromisoformat(deadline) if deadline else None,
        juvenile=deadlines.get("parent_guardian_informed_within_hours") is not None,
        victim_kind=victim_kind,
        deferrable=bool(deadlines.get("deferred_outcomes_allowed")) and deadline is not None,
    )


def _json(value) -> str:
    return orjson.dumps(value).decode()


# --- one case ------------------------------------------------------------------------------

KIND_FOR = {
    State.DRAFT: "any",
    State.ASSESSED: "any",
    State.WITHDRAWN: "any",
    State.AWAITING_AUTHORISATION: "authority",
    State.AUTHORISED: "authority",
    State.REFUSED: "authority",
    State.AGREED: "resolvable",
    State.COMPLETED: "resolvable",
    State.ACTIONS_IN_PROGRESS: "deferrable",
    State.NON_COMPLIANT: "deferrable",
}


@cache
def _moves(source: State, target: State) -> int:
    """How many transitions the workflow takes from `source` to `target` (the fewest): each
    is one audited operation of the services, so one version of the case."""
    transitions = list(Case._meta.get_field("state").get_all_transitions(Case))
    seen, queue = {source: 0}, deque([source])
    while queue:
        state = queue.popleft()
        if state == target:
            return seen[state]
        for t in transitions:
            if t.source == state and t.target not in seen:
                seen[t.target] = seen[state] + 1
                queue.append(t.target)
    raise ValueError(f"the workflow has no road from {source} to {target}")


def _at(day: date, rng: random.Random, hours: tuple[int, int] = (8, 20)) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
        minutes=rng.randint(hours[0] * 60, hours[1] * 60)
    )


def _later(moment: datetime, rng: random.Random, days: tuple[int, int], cap: datetime):
    return min(cap, moment + timedelta(minutes=rng.randint(days[0] * 1440, days[1] * 1440) + 5))


def _case(tables, rng, reference, state, documents, force, today) -> None:
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=7)
    kind = KIND_FOR.get(state, "resolvable")
    if state in REVIEWED and rng.random() < 0.15:
        kind = "deferrable"  # some reviewed cases were not complied with
    recent = state in OPEN
    doc = rng.choice(documents.get((recent, kind)) or documents[(not recent, kind)])
    t = rng.randrange(len(force.teams))
    team, owner = force.teams[t], rng.choice(force.owners[t])
    created = _at(doc.assessed_on, rng, (8, 12))
    result = doc.result
    entries = result.get("authorisations") or []
    assessed = state != State.DRAFT
    needs_authority = assessed and result["decision"] == "authorisation_required"
    case = dict(
        crime_reference=reference,
        facts=doc.case_facts,
        offence_date=doc.offence_date,
        offence_category=doc.facts["offence"]["category"],
        offence_description=doc.facts["offence"]["description"],
        gravity_matrix=doc.facts["offence"]["gravity"]["matrix"],
        gravity_base_score=doc.facts["offence"]["gravity"]["base_score"],
        gravity_final_score=doc.facts["offence"]["gravity"]["final_score"],
        gravity_rationale="The matrix score for the offence; no aggravating factors.",
        owner_id=owner.id,
        team_id=team.pk,
        state=state,
        version=1,
        agreed_at=None,
        no_alternative_sanction=False,
        outcome_reason="",
        closed_at=None,
        returned_at=None,
        created_at=created,
        updated_at=created,
        juvenile=assessed and doc.juvenile,
        authorities_outstanding="",
    )
    case_id = tables.next_id[Case]
    people = _people(tables, rng, case_id, doc, created)
    clock = created + timedelta(minutes=rng.randint(20, 240))
    # The version counts the case's audited operations, as the services' `changing` would
    # have: opening it, then each person added. Each move of the workflow counts one
    # (`_moves`); the records kept on the road count one each, below.
    version = 1 + len(people)
    if assessed:
        assessment_id = tables.add(
            Assessment,
            case_id=case_id,
            facts=doc.assessed_facts,
            result=doc.result_json,
            decision=result["decision"],
            policy=result["policy"],
            policy_version=result["policy_version"],
            policy_digest=result.get("policy_digest", ""),
            assessed_on=doc.assessed_on,
            assessed_by_id=owner.id,
            created_at=clock,
        )
        version += _moves(State.DRAFT, State.ASSESSED)
    # As crs.cases.summary has it: an open case's listed authorities not yet given (a case
    # not eligible may list one too; only a case needing authority is ever given it).
    waiting = (State.ASSESSED, State.AWAITING_AUTHORISATION)
    if assessed and entries and state in OPEN and (not needs_authority or state in waiting):
        case["authorities_outstanding"] = authority_tokens(entries)
    if state == State.AWAITING_AUTHORISATION:
        version += _moves(State.ASSESSED, State.AWAITING_AUTHORISATION)
    if state == State.REFUSED or (needs_authority and state != State.AWAITING_AUTHORISATION):
        if state in (State.ASSESSED, State.WITHDRAWN):
            pass  # never sent for authority
        else:
            clock = _later(clock, rng, (0, 3), now)
            refused = state == State.REFUSED
            for entry in entries[:1] if refused else entries:
                giver = _authoriser(force, t, entry)
                tables.add(
                    Authorisation,
                    case_id=case_id,
                    assessment_id=assessment_id,
                    requirement=entry.get("code", ""),
                    paragraph=entry.get("paragraph", ""),
                    authority=entry["authority"],
                    decision="refused" if refused else "given",
                    given_by_id=giver.id,
                    given_by_title=giver.title,
                    rationale=(
                        "A caution is the proportionate outcome given the history."
                        if refused
                        else RATIONALE
                    ),
                    given_at=clock,
                    voided_at=None,
                    void_reason="",
                )
            # Asked for, then given or refused: one operation however many authorities
            # are given (the real services take one per person who gives them).
            version += _moves(State.ASSESSED, State.REFUSED if refused else State.AUTHORISED)
            if refused:
                case["outcome_reason"] = "A caution is the proportionate outcome."
                case["closed_at"] = clock
    if state == State.WITHDRAWN:
        clock = _later(clock, rng, (1, 30), now)
        case["outcome_reason"] = "The offender was charged with a linked offence."
        case["closed_at"] = clock
        version += _moves(State.ASSESSED, State.WITHDRAWN)
    if state in AFTER_AGREEMENT:
        clock, version = _delivery(tables, rng, case, case_id, doc, state, owner, people, clock)
        version += _review(tables, rng, case, case_id, state, force, clock, now)
    case["version"] = version
    case["updated_at"] = max(clock, case["closed_at"] or clock)
    tables.add(Case, **case)


def _authoriser(force: Force, team: int, entry: dict) -> User:
    if entry["authority"] == "sergeant":
        return force.sergeants[team]
    return force.authorisers[entry["authority"]]


def _people(tables, rng, case_id, doc, created) -> dict[str, int]:
    born = date.fromisoformat(doc.facts["offender"]["date_of_birth"])
    family = rng.choice(FAMILY)
    people = {
        "offender": _person(tables, rng, case_id, "offender", family=family, born=born),
    }
    if doc.juvenile:
        people["parent_guardian"] = _person(
            tables, rng, case_id, "parent_guardian", family=family, relationship="parent"
        )
    if doc.victim_kind == "person":
        people["victim"] = _person(tables, rng, case_id, "victim", family=rng.choice(FAMILY))
    elif doc.victim_kind == "organisation":
        people["victim"] = _person(
            tables, rng, case_id, "victim", organisation=f"{rng.choice(FAMILY)} Stores"
        )
    if doc.facts["offender"]["previous_outcomes"]:
        for item in doc.facts["offender"]["previous_outcomes"]:
            tables.add(
                PreviousOutcome,
                case_id=case_id,
                outcome=item["outcome"],
                date=date.fromisoformat(item["date"]),
                category=item.get("category", ""),
                substance="",
                matched_case_id=None,
                source="Police National Computer",
            )
    return people


def _person(tables, rng, case_id, role, *, family="", born=None, relationship="", organisation=""):
    human = not organisation
    return tables.add(
        Person,
        case_id=case_id,
        role=role,
        given_name=rng.choice(GIVEN) if human else "",
        family_name=family if human else "",
        organisation=organisation,
        date_of_birth=born,
        relationship=relationship,
        phone=f"07700 9{rng.randint(0, 99999):05d}" if human else "01632 960000",
        email="",
        address=f"{rng.randint(1, 200)} {rng.choice(FAMILY)} Road, Demoshire",
        vulnerable=False,
        capacity_notes="",
        medical_professional="",
        sex=pick(rng, SEX_PICK) if human else "",
        ethnicity=pick(rng, ETHNIC_PICK) if human else "",
    )


def _contact(tables, case_id, party, person, purpose, at, owner, outcome="spoke") -> None:
    tables.add(
        Contact,
        case_id=case_id,
        party=party,
        person_id=person,
        purpose=purpose,
        method="phone",
        outcome=outcome,
        at=at,
        made_by_id=owner.id,
        notes="",
    )


def _delivery(tables, rng, case, case_id, doc, state, owner, people, clock):
    """Actions, victim's view, contacts and agreement: what `agree` and later need."""
    version = case["version"]
    victim = people.get("victim")
    consents = doc.facts["victim"].get("consents")
    if victim is not None:
        clock = _later(clock, rng, (0, 2), clock + timedelta(days=2))
        tables.add(
            VictimView,
            case_id=case_id,
            victim_id=victim,
            asked_by_id=owner.id,
            asked_at=clock,
            method="phone",
            views="Wants the offender to understand the effect of what they did.",
            wishes="An apology and the cost put right.",
            consents=consents,
            questions_answered=True,
            told_voluntary=True,
            told_no_alternative_sanction=True,
            satisfaction=(
                rng.choice(SATISFACTION)[0] if state in REVIEWED and rng.random() < 0.6 else ""
            ),
            recorded_at=clock,
        )
    clock = _later(clock, rng, (0, 3), clock + timedelta(days=3))
    deferred_status = None
    if state in (State.ACTIONS_IN_PROGRESS, State.NON_COMPLIANT) or (
        doc.deferrable and rng.random() < 0.5
    ):
        deferred_status = "pending"
        if state == State.NON_COMPLIANT:
            deferred_status = "failed"
        elif state == State.COMPLETED:
            deferred_status = "completed"
        elif state in REVIEWED:  # some came through non-compliance (4.6.1)
            deferred_status = "failed" if rng.random() < 0.15 else "completed"
    if not doc.deferrable:
        deferred_status = None
    tables.add(
        RemedyAction,
        case_id=case_id,
        kind="verbal_apology",
        description="Apologise to the victim.",
        instant=True,
        due_date=None,
        status="completed",
        status_at=clock,
        notes="Apology given when the CR was delivered.",
        created_by_id=owner.id,
        created_at=clock,
    )
    version += 1
    if doc.juvenile:
        _contact(
            tables, case_id, "parent_guardian", people["parent_guardian"], "before_delivery",
            clock, owner,
        )  # fmt: skip
        version += 1
    agreed = clock + timedelta(minutes=30)
    case["agreed_at"] = agreed
    # The agreement, and the victim's view recorded for it (counted whether or not there is
    # a victim: an approximation kept so that a load with the same seed stays the same).
    version += _moves(State.ASSESSED, State.AGREED) + 1
    if deferred_status:
        earliest = agreed.date() + timedelta(days=7)
        due = doc.deadline if earliest > doc.deadline else _day(rng, earliest, doc.deadline)
        settled = None
        if deferred_status != "pending":
            settled = datetime.combine(due, datetime.min.time(), UTC) + timedelta(hours=10)
        tables.add(
            RemedyAction,
            case_id=case_id,
            kind=rng.choice(("financial_compensation", "reparation", "written_apology")),
            description="Pay for the damage or the goods taken.",
            instant=False,
            due_date=due,
            status=deferred_status,
            status_at=settled,
            notes="" if settled is None else "Receipt seen." if deferred_status == "completed"
            else "Not paid by the due date.",
            created_by_id=owner.id,
            created_at=clock,
        )  # fmt: skip
        # Added, then started or settled: two records, approximately as the services keep
        # them (the moves to in progress, completed or non-compliant are not counted apart).
        version += 2
        clock = max(agreed, settled) if settled else agreed
        if deferred_status == "failed":
            case["no_alternative_sanction"] = True
            case["outcome_reason"] = "Not paid by the due date."
    else:
        clock = agreed
    if doc.result["deadlines"].get("victim_contact"):
        _contact(tables, case_id, "victim", victim, "after_delivery", agreed, owner)
        version += 1
        if state in FINISHED:
            purpose = "non_compliance" if deferred_status == "failed" else "on_conclusion"
            clock = clock + timedelta(hours=rng.randint(1, 48))
            _contact(tables, case_id, "victim", victim, purpose, clock, owner)
            version += 1
    return clock, version


def _review(tables, rng, case, case_id, state, force, clock, now) -> int:
    if state not in REVIEWED:
        return 0
    clock = _later(clock, rng, (1, 10), now)
    moves = _moves(State.COMPLETED, state)
    if state == State.SUPERVISOR_REVIEW:
        return moves
    tables.add(
        Signature,
        case_id=case_id,
        party="supervisor",
        name=force.reviewer.get_full_name(),
        signed_at=clock,
        recorded_by_id=force.reviewer.id,
    )
    if state == State.CLOSED:
        case["closed_at"] = _later(clock, rng, (1, 14), now)
    return moves


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


# --- writing ---------------------------------------------------------------------------------


class _Writer:
    """Writes one chunk's rows while the next chunk is made.

    On PostgreSQL a thread COPYs them through the connection's own psycopg connection,
    in the same transaction, so the server parses and stores one chunk while Python
    makes the next (the main thread does not touch the database meanwhile). Elsewhere
    the rows are inserted in line.
    """

    def __init__(self, columns: dict):
        self.columns = columns
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        connection.ensure_connection()
        self.raw = connection.connection if connection.vendor == "postgresql" else None

    def write(self, rows: dict) -> None:
        if self.raw is None:
            for model in MODELS:
                _insert(model, self.columns[model], rows.get(model, []))
            return
        self.wait()
        self.thread = threading.Thread(target=self._copy, args=(rows,), daemon=True)
        self.thread.start()

    def _copy(self, rows: dict) -> None:
        try:
            with self.raw.cursor() as cursor:
                for model in MODELS:
                    if rows.get(model):
                        _copy(cursor, model, self.columns[model], rows[model])
        except BaseException as exc:  # raised again in the main thread by wait()
            self.error = exc

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            raise self.error


def _copy(cursor, model, columns: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Elsewhere (SQLite): INSERTs of the values as the backend stores them."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    adapt = []
    for name in columns:
        f = model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
        if isinstance(f, models.DateTimeField):
            adapt.append(connection.ops.adapt_datetimefield_value)
        elif isinstance(f, models.DateField):
            adapt.append(connection.ops.adapt_datefield_value)
        else:
            adapt.append(None)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    converted = [
        tuple(v if a is None or v is None else a(v) for a, v in zip(adapt, row, strict=True))
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, converted)


@contextmanager
def _bulk_load(cases: int):
    """On PostgreSQL, for a load at least as big as what is there: build the tables'
    secondary indexes and check their foreign keys once at the end, not row by row.

    Checking a foreign key per row (a trigger and an index probe each) and keeping the
    indexes (the trigram ones above all) up to date row by row cost more than writing
    the rows; a single check and a sorted build at the end cost a fraction. Unique
    constraints stay, so a clash still fails. Inside the caller's transaction: if the
    load fails, the indexes and keys come back with it.
    """
    if connection.vendor != "postgresql" or Case.objects.count() > cases:
        yield
        return
    tables = [m._meta.db_table for m in MODELS]
    with connection.cursor() as cursor:
        # Check now what is pending (the force's users): a table with pending checks
        # cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
            "AND NOT i.indisprimary AND NOT i.indisunique",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _ in keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django's keys are declared


def _reset_sequences() -> None:
    """Ids were given here, not by the database: move PostgreSQL's sequences past them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    with connection.cursor() as cursor:
        for model in MODELS:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))',
                [table],
            )
