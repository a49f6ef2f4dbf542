"""A disposal and a dashboard refresh under way at once (PostgreSQL, where the Refresh
row's lock is real): the disposal waits for the refresh and then refreshes, so the case
it erases is in the copy as it was just before erasure, not as the refresh under way
last read it. The page's refresh still never waits."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from crs.cases.models import Case, Person
from crs.dashboard import summary
from crs.dashboard.models import CaseFigures, Refresh
from crs.retention.dispose import dispose
from crs.retention.models import Erasure

from .test_dashboard_after_disposal import DISPOSED_ON, closed_case  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the Refresh row lock needs PostgreSQL"
    ),
]

GIVE_UP = 60  # seconds: only so a broken run ends; nothing is asserted about time


@contextmanager
def refresh_under_way():
    """Another transaction holds the Refresh lock, as a refresh that began before the
    test's change would; on leaving, it commits what such a refresh would (a mark that
    started before the change). Yields its backend's pid."""
    held, release = threading.Event(), threading.Event()
    pid: list[int] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                mark = Refresh.objects.select_for_update().get(pk=1)
                started = timezone.now()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    pid.append(cursor.fetchone()[0])
                held.set()
                release.wait(GIVE_UP)
                mark.started_at, mark.finished_at = started, timezone.now()
                mark.save()
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(GIVE_UP)
        yield pid[0]
    finally:
        release.set()
        holder.join(GIVE_UP)
    assert not holder.is_alive()


def _change_offender(case, sex: str) -> None:
    """A change to the case as the services make it: the case's updated_at moves."""
    Person.objects.filter(case=case).update(sex=sex)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())


def _waiting_on(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
            [pid],
        )
        return cursor.fetchone()[0] > 0


def test_a_disposal_waits_for_a_refresh_under_way_then_keeps_the_figures_before_erasure(
    closed_case,  # noqa: F811
    records_admin,
):
    outcome: list = []

    def run_disposal() -> None:
        try:
            outcome.append(dispose(on=DISPOSED_ON, by=records_admin))
        except Exception as exc:  # asserted on below
            outcome.append(exc)
        finally:
            connections.close_all()

    with refresh_under_way() as holder:
        _change_offender(closed_case, "male")
        disposal = threading.Thread(target=run_disposal)
        disposal.start()
        give_up = time.monotonic() + GIVE_UP
        while disposal.is_alive() and not _waiting_on(holder) and time.monotonic() < give_up:
            time.sleep(0.01)
        waited = _waiting_on(holder)
        assert waited, f"the disposal did not wait for the refresh under way: {outcome}"
        assert not Erasure.objects.exists()
        released = timezone.now()
    disposal.join(GIVE_UP)

    assert not disposal.is_alive()
    (erased,) = outcome[0]
    assert erased.case_ref == closed_case.crime_reference
    offender = Person.objects.get(case=closed_case)
    assert (offender.sex, offender.date_of_birth) == ("", None)  # erased
    assert Refresh.objects.get(pk=1).started_at > released  # it refreshed after the other
    row = CaseFigures.objects.get(case=closed_case)
    assert (row.age_band, row.sex, row.ethnic_group) == ("25-34", "male", "W")
    summary.refresh(full=True)
    assert CaseFigures.objects.get(case=closed_case).sex == "male"


def test_the_pages_refresh_leaves_the_work_to_a_refresh_under_way(closed_case, settings):  # noqa: F811
    settings.CRS_DASHBOARD_MAX_AGE = 0
    with refresh_under_way():
        _change_offender(closed_case, "male")
        summary.refresh_if_stale()
        assert summary.refresh() == -1
        assert CaseFigures.objects.get(case=closed_case).sex == "female"
