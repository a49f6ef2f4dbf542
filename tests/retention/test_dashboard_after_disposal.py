"""The dashboard after a disposal: a disposed-of case's figures were final when it was
erased, so no refresh (full or not) reads it again; one with no row yet is read once,
its offender's groups then "not recorded"."""

from datetime import UTC, date, datetime

import pytest

from crs.cases.models import Case, Person
from crs.cli import main
from crs.dashboard import summary
from crs.dashboard.models import CaseFigures, Tally
from crs.retention.dispose import dispose
from tests.cases.walk import assessed, closed

CLOSED_ON = datetime(2017, 1, 9, tzinfo=UTC)  # rule closed_cr: due 2023-01-09
DISPOSED_ON = date(2023, 1, 9)
GROUPS = ("age_band", "sex", "ethnic_group")


def _figures(case) -> tuple:
    row = CaseFigures.objects.get(case=case)
    return tuple(getattr(row, name) for name in ("state", "outcome", *GROUPS))


def _tally(figure=None) -> list[tuple]:
    rows = Tally.objects.filter(figure=figure) if figure else Tally.objects.all()
    return sorted(
        rows.values_list("rollup", "month", "district", "category", "figure", "key", "outcome", "n")
    )


@pytest.fixture
def closed_case(pc_ali, rev_evans, imu_fisher):
    """A closed community resolution whose offender's birth date, sex and ethnicity are
    known, counted by the dashboard, its retention period ended."""
    case = closed(pc_ali, rev_evans, imu_fisher)
    # People change through the services only while a case is open; the offender of
    # this closed case is written directly.
    Person.objects.filter(case=case, role="offender").update(
        given_name="Jo",
        family_name="Quillfern",
        date_of_birth=date(1990, 1, 31),
        sex="female",
        ethnicity="W1",
    )
    Case.objects.filter(pk=case.pk).update(closed_at=CLOSED_ON)
    summary.refresh(full=True)
    assert _figures(case) == ("closed", "given", "25-34", "female", "W")
    return case


def test_a_full_refresh_keeps_the_figures_of_a_disposed_case(closed_case, records_admin):
    tally = _tally()
    (erasure,) = dispose(on=DISPOSED_ON, by=records_admin)
    assert erasure.case_ref == closed_case.crime_reference
    assert Person.objects.get(case=closed_case).date_of_birth is None  # really erased

    summary.refresh(full=True)

    assert _figures(closed_case) == ("closed", "given", "25-34", "female", "W")
    assert _tally() == tally
    assert ("given", 1) in [(r[6], r[7]) for r in _tally("sex") if r[5] == "female"]


def test_the_full_refresh_command_keeps_the_figures_of_a_disposed_case(closed_case, records_admin):
    tally = _tally()
    dispose(on=DISPOSED_ON, by=records_admin)
    assert main(["dashboard", "refresh", "--full"]) == 0
    assert _figures(closed_case)[2:] == ("25-34", "female", "W")
    assert _tally() == tally


def test_a_full_refresh_still_reads_every_case_not_disposed_of(closed_case, records_admin, pc_ali):
    dispose(on=DISPOSED_ON, by=records_admin)
    other = assessed(pc_ali, ref="CR/0002/24")
    Person.objects.filter(case=other, role="offender").update(given_name="Sam", sex="male")
    summary.refresh()
    # A change made behind the services' back: only a full refresh reads it.
    Person.objects.filter(case=other).update(sex="female")
    assert summary.refresh(full=True) == 1  # the open case; the disposed one is final
    assert CaseFigures.objects.get(case=other).sex == "female"


def test_a_disposed_case_without_dashboard_figures_counts_with_its_groups_not_recorded(
    closed_case, records_admin
):
    dispose(on=DISPOSED_ON, by=records_admin)
    # As after restoring a backup without the dashboard's tables.
    CaseFigures.objects.all().delete()

    assert summary.refresh(full=True) == 1
    assert _figures(closed_case) == (
        "closed",
        "given",
        "not_recorded",
        "not_recorded",
        "not_recorded",
    )
    headline = {r[5]: r[7] for r in _tally("headline") if r[0]}
    assert (headline["cases"], headline["given"]) == (1, 1)
    # From then on its row is final too.
    CaseFigures.objects.filter(case=closed_case).update(sex="female")
    summary.refresh(full=True)
    assert CaseFigures.objects.get(case=closed_case).sex == "female"
