"""The demo force of `crs serve --demo`: every role, every state, loaded once."""

from datetime import date

import pytest

from crs.accounts.models import Rank, Role, User
from crs.audit.models import AuditEntry
from crs.audit.verify import verify_chain
from crs.cases.demo import DEMO_PASSWORD, load_demo
from crs.cases.models import Assessment, Authorisation, Case
from crs.cases.permissions import segregation
from crs.cases.workflow import State

TODAY = date(2024, 3, 1)
ONE_PER_STATE = len(State)


@pytest.fixture
def loaded(db):
    return load_demo(ONE_PER_STATE, today=TODAY)


def test_the_demo_has_cases_in_every_state(loaded):
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)


def test_the_demo_has_a_user_for_every_role(loaded):
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_the_demo_has_a_user_of_every_rank(loaded):
    assert set(User.objects.values_list("rank", flat=True)) == set(Rank.values)


def test_the_demo_has_an_acting_inspector(loaded):
    assert User.objects.get(username="acting_insp_carr").is_acting


def test_every_demo_login_uses_the_printed_password(loaded):
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())


def test_loading_the_demo_again_adds_nothing(loaded):
    before = (User.objects.count(), Case.objects.count(), AuditEntry.objects.count())
    again = load_demo(ONE_PER_STATE, today=TODAY)
    assert again.created == 0
    assert (User.objects.count(), Case.objects.count(), AuditEntry.objects.count()) == before


def test_the_demo_reports_its_cases_and_logins(loaded):
    assert (loaded.cases, loaded.created) == (ONE_PER_STATE, ONE_PER_STATE)
    assert ("sgt_brown", "Sergeant") in loaded.users


def test_the_demo_leaves_a_verifiable_audit_trail(loaded):
    result = verify_chain()
    assert result.ok and result.count == AuditEntry.objects.count() > 0


def test_the_demo_has_a_childs_case_with_a_parent_contact(loaded):
    assert Case.objects.filter(
        assessments__result__deadlines__parent_guardian_informed_within_hours=24,
        contacts__party="parent_guardian",
    ).exists()


def test_demo_assessments_read_the_officer_facts_of_the_officer_in_the_case(loaded):
    """Ruling R39: from the owner's record, whoever they are (constable, PCSO, staff)."""
    assessments = Assessment.objects.select_related("case__owner")
    assert assessments.exists()
    for assessment in assessments:
        officer = assessment.facts["officer"]
        record = assessment.case.owner.officer_facts()
        assert {k: officer[k] for k in record} == record
        assert set(officer) - set(record) <= {"investigated_by_warranted_officer"}


def test_no_demo_authority_was_given_by_someone_who_did_the_cases_work(loaded):
    """Ruling R38: not the officer in the case, the assessor, nor who recorded the facts."""
    given = Authorisation.objects.select_related("case", "assessment", "given_by")
    assert given.exists()
    for authority in given:
        assert segregation(authority.given_by, authority.case, authority.assessment) is None


def test_the_demo_fills_every_figure_of_the_dashboard(db):
    from crs.dashboard import figures, summary, tables
    from crs.dashboard.baseline import load_baseline

    load_demo(4 * ONE_PER_STATE, today=TODAY)
    summary.refresh(full=True)
    rows = figures.counts(figures.filtered())
    built = {t.key: t for t in tables.build(rows, load_baseline())}
    for key, table in built.items():
        numbers = [v for row in table.rows for v in row[1:] if isinstance(v, int | float)]
        assert any(numbers), key  # some figure that is not 0 or empty
    timing = figures.time_to_authorise(rows)
    assert timing["median"] > 0 and timing["p90"] > timing["median"]
    head = figures.headline(rows)
    assert head["restorative"] > 0 and head["returns"] > 0
    assert 0 < head["due_within"] < head["due"]  # some in time, some not
    assert sum(n for _, n in figures.counts_by(rows, "satisfaction")) > 0
    assert len(figures.counts_by(rows, "month")) > 6  # a year of offences
