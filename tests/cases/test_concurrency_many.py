"""Fifty people acting on one case at the same moment (issue 6, point 6): exactly one wins,
every other is told plainly, and nothing is lost or written twice. PostgreSQL only: that is
where the row lock (SELECT ... FOR UPDATE) and real parallel connections are."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from crs.accounts.models import Rank, User
from crs.audit.models import AuditEntry
from crs.audit.verify import verify_chain
from crs.cases import services as s
from crs.cases.errors import CaseError, Conflict, NotAllowed
from crs.cases.models import Authorisation, Case

from . import facts as f
from .walk import awaiting, fresh, opened

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"
    ),
]

ATTEMPTS = 50


def race(action, count: int = ATTEMPTS) -> list:
    """Run `action(i)` in `count` threads released together; return each outcome."""
    start = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i: int) -> None:
        try:
            start.wait()
            outcomes[i] = action(i)
        except Exception as exc:  # each outcome is asserted on below
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


@pytest.fixture
def sergeants(north):
    return [
        User.objects.create(username=f"sgt_{i:02d}", team=north, rank=Rank.SERGEANT)
        for i in range(ATTEMPTS)
    ]


def test_fifty_sergeants_authorising_at_once_give_one_authorisation(pc_ali, sergeants):
    case = awaiting(pc_ali)
    entries_before = AuditEntry.objects.count()
    outcomes = race(lambda i: s.authorise(fresh_copy(case), sergeants[i], rationale=f"Yes ({i})"))

    wins = [o for o in outcomes if isinstance(o, Case)]
    refusals = [o for o in outcomes if isinstance(o, CaseError)]
    assert len(wins) == 1
    assert len(refusals) == ATTEMPTS - 1, [
        o for o in outcomes if not isinstance(o, CaseError | Case)
    ]
    assert all(isinstance(o, Conflict | NotAllowed) for o in refusals)
    assert all(str(o) for o in refusals)  # a sentence for the person, not a stack
    assert Authorisation.objects.filter(case=case, voided_at=None).count() == 1
    assert AuditEntry.objects.count() == entries_before + 1
    assert fresh(case).version == case.version + 1
    assert verify_chain().ok


def test_fifty_stale_copies_moving_one_case_lose_no_update(pc_ali, sergeants):
    # Each attempt starts from the same copy: only the first to lock it may change it.
    case = awaiting(pc_ali)
    outcomes = race(lambda i: s.withdraw(case_copy(case), pc_ali, reason=f"Charged ({i})."))
    wins = [o for o in outcomes if isinstance(o, Case)]
    assert len(wins) == 1
    assert all(isinstance(o, Conflict) for o in outcomes if o not in wins)
    assert fresh(case).outcome_reason == wins[0].outcome_reason
    assert verify_chain().ok


def test_fifty_cases_assessed_at_once_keep_one_unbroken_audit_chain(pc_ali):
    pks = [opened(pc_ali, f.needs_sergeant(), ref=f"CR/{i:04d}/25").pk for i in range(ATTEMPTS)]
    outcomes = race(lambda i: s.assess(Case.objects.get(pk=pks[i]), pc_ali))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Case.objects.filter(pk__in=pks, state="assessed").count() == ATTEMPTS
    result = verify_chain()
    assert result.ok, result.problem
    assert result.count == AuditEntry.objects.count()


def fresh_copy(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def case_copy(case: Case) -> Case:
    copy = Case.objects.get(pk=case.pk)
    copy.version = case.version
    return copy
