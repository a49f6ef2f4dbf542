"""`crs seed`: cases loaded in bulk are as the services would have left them.

Each seeded case is checked against the records the SOP asks for on the road to its
state (the guards), every row against the model's own validation, every stored
assessment against a fresh run of the engine, and the copies on the case against
crs.cases.summary.
"""

from datetime import timedelta

import orjson
import pytest
from django.utils import timezone

from crs.accounts.authority import can_satisfy
from crs.cases import guards, summary
from crs.cases.models import (
    Assessment,
    Authorisation,
    Case,
    Contact,
    Person,
    RemedyAction,
    Signature,
    VictimView,
)
from crs.cases.permissions import segregation
from crs.cases.seed import YEARS, seed
from crs.cases.workflow import State
from crs.policy import assess_document

pytestmark = pytest.mark.django_db

N = 260
AGREED = {
    "agreed",
    "actions_in_progress",
    "completed",
    "non_compliant",
    "supervisor_review",
    "imu_qa",
    "closed",
}


@pytest.fixture
def seeded(db):
    made = seed(N, seed=7)
    return made, list(Case.objects.order_by("pk"))


def test_seeding_makes_n_cases_in_every_state(seeded):
    made, cases = seeded
    assert made.cases == len(cases) == N
    assert {c.state for c in cases} == set(State.values)
    assert made.documents < N  # the engine ran once per distinct document, not per case


def test_every_seeded_row_passes_the_models_validation(seeded):
    for case in Case.objects.all():
        case.full_clean(exclude=["state"])  # FSM-protected; its value is checked below
        assert case.state in State.values
    for model in (Person, Assessment, Authorisation, VictimView, Contact, Signature):
        for row in model.objects.all():
            row.full_clean()
    for action in RemedyAction.objects.select_related("case"):
        action.full_clean()  # a deferred action is due within 16 weeks of the offence (R25)


def test_each_case_has_the_records_its_state_needs(seeded):
    _, cases = seeded
    for case in cases:
        problems = _problems(case)
        assert not problems, f"{case} ({case.state}): {problems}"


def test_stored_assessments_are_what_the_engine_says_of_their_facts(seeded):
    for assessment in Assessment.objects.all()[:60]:
        # Stored as JSON: the engine's tuples come back as lists.
        assert orjson.loads(orjson.dumps(assess_document(assessment.facts))) == assessment.result
        assert assessment.decision == assessment.result["decision"]


def test_the_copies_on_each_case_agree_with_its_records(seeded):
    _, cases = seeded
    for case in cases:
        stored = (case.juvenile, case.authorities_outstanding)
        summary.refresh(case)
        assert (case.juvenile, case.authorities_outstanding) == stored, case


def test_offenders_hold_the_date_of_birth_assessed_and_have_a_sex_and_ethnicity(seeded):
    _, cases = seeded
    for case in cases:
        offender = case.people.get(role=Person.Role.OFFENDER)
        if case.current_assessment is not None:
            assessed = case.current_assessment.facts["offender"]["date_of_birth"]
            assert offender.date_of_birth.isoformat() == assessed
        assert "date_of_birth" not in case.facts["offender"]  # the offender's alone (0011)
        assert offender.sex and offender.ethnicity


def test_closed_dates_spread_over_the_years_and_never_in_the_future(seeded):
    _, cases = seeded
    now = timezone.now()
    closed = [c.closed_at for c in cases if c.closed_at]
    assert all(c <= now for c in closed)
    assert min(closed) < now - timedelta(days=365 * (YEARS - 1))
    assert all(c.created_at <= (c.closed_at or now) for c in cases)


def test_cases_spread_over_teams_districts_and_offence_categories(seeded):
    _, cases = seeded
    assert len({c.team_id for c in cases}) > 10
    assert len({c.team.district for c in cases}) > 3
    assert len({c.offence_category for c in cases}) > 5


def test_a_second_load_with_the_same_seed_is_refused_and_another_seed_adds(seeded):
    with pytest.raises(ValueError, match="already loaded"):
        seed(5, seed=7)
    seed(5, seed=8)
    assert Case.objects.count() == N + 5


def test_a_load_of_no_cases_is_refused_by_name(db):
    with pytest.raises(ValueError, match="--cases"):
        seed(0)


def _problems(case: Case) -> list[str]:
    """The guards of every transition on the road to the state, and the state's own records."""
    state = case.state
    problems = []
    assessment = case.current_assessment
    if state == State.DRAFT:
        return ["assessed"] if assessment else []
    if assessment is None:
        return ["no assessment"]
    checks = []
    if state == State.AWAITING_AUTHORISATION:
        checks = [guards.needs_authorisation]
        if not guards.outstanding_requirements(case):
            problems.append("no authority outstanding")
    if state == State.AUTHORISED:
        checks = [guards.needs_authorisation, guards.authorisations_complete]
    refusal = case.authorisations.filter(decision="refused").exists()
    if state == State.REFUSED and not (refusal and case.closed_at):
        problems.append("refused without a refusal")
    if state in AGREED:
        checks = list(guards.GUARDS["agree"])
        if case.agreed_at is None:
            problems.append("agreed_at missing")
    if state == State.ACTIONS_IN_PROGRESS:
        checks.append(guards.has_deferred_action_pending)
    if state == State.COMPLETED:
        checks.append(guards.all_actions_completed)
    if state == State.NON_COMPLIANT:
        checks.append(guards.some_action_not_completed)
        if not case.no_alternative_sanction:
            problems.append("non-compliance without no_alternative_sanction (4.6.1)")
    if state in (State.COMPLETED, State.NON_COMPLIANT):
        checks.append(guards.victim_contacted_at_conclusion)
    if state in (State.SUPERVISOR_REVIEW, State.IMU_QA, State.CLOSED):
        checks.append(guards.victim_contacted_after_delivery)
        failed = case.actions.filter(status="failed").exists()
        if assessment.identifiable_victim:
            purpose = "non_compliance" if failed else "on_conclusion"
            if not case.contacts.filter(party="victim", purpose=purpose).exists():
                problems.append(f"no victim contact {purpose}")
        if not failed and case.actions.exclude(status="completed").exists():
            problems.append("reviewed with an action pending")
    signed = case.signatures.filter(party="supervisor").exists()
    if state in (State.IMU_QA, State.CLOSED) and not signed:
        problems.append("no supervisor signature (4.5.1)")
    if state in (State.CLOSED, State.WITHDRAWN) and not case.closed_at:
        problems.append("closed_at missing")
    if state not in (State.CLOSED, State.WITHDRAWN, State.REFUSED) and case.closed_at:
        problems.append("closed_at on an open case")
    for given in case.authorisations.all():
        entry = {"authority": given.authority, "pse_equivalent_allowed": True}
        if given.given_by_id == case.owner_id or not can_satisfy(given.given_by, entry):
            problems.append(f"authority {given.authority} given by {given.given_by}")
    problems += [m for m in (check(case) for check in checks) if m]
    return problems


def test_seeded_assessments_read_the_officer_facts_of_the_officer_in_the_case(seeded):
    """Ruling R39: from the owner's record; the case's own facts give none."""
    _, cases = seeded
    assert not [c for c in cases if "officer" in c.facts]
    for assessment in Assessment.objects.select_related("case__owner")[:60]:
        assert assessment.facts["officer"] == assessment.case.owner.officer_facts()


def test_no_seeded_authority_was_given_by_someone_who_did_the_cases_work(seeded):
    """Ruling R38: not the officer in the case, the assessor, nor who recorded the facts."""
    given = Authorisation.objects.select_related("case", "assessment", "given_by")
    assert given.exists()
    for authority in given:
        assert segregation(authority.given_by, authority.case, authority.assessment) is None
