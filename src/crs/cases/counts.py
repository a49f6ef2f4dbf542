"""How many cases there are of each kind, kept as cases change: the home pages' figures
without counting a force's cases on every request.

A case's kind is its key: (state, team, owner, juvenile, the authorities still to be
given). One CaseCount row per key holds how many cases have it, so every figure whose
filter reads only those columns (the cases a person can see, by state; their open cases;
a review or quality assurance queue; the cases awaiting an authority they could give) is
a sum over a few thousand rows at most, exact because each case is in exactly one row
(the awaiting list less the cases the person's own work bars: crs.web.pages.worklists).

The services move a case from one row to another in the transaction that changes it
(crs.cases.services._base), so the figures cannot drift from the cases; `crs counts
check` recounts and names any row that differs (a change made outside the services), and
`crs counts rebuild` recounts and replaces them (after `crs seed`'s bulk load, or to mend
what check found).
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum

from .models import Case, CaseCount

KEY = ("state", "team_id", "owner_id", "juvenile", "authorities_outstanding")


def key(case: Case) -> tuple:
    return tuple(getattr(case, name) for name in KEY)


def added(case: Case) -> None:
    """A new case: one more of its kind. Call inside the transaction that saves it."""
    _add(key(case), 1)


def moved(before: tuple, after: tuple) -> None:
    """A case changed kind (state, owner, team or age): one fewer of the old, one more of
    the new. Rows are changed in key order, so two changes never wait on each other."""
    if before == after:
        return
    for k, n in sorted([(before, -1), (after, 1)], key=lambda item: repr(item[0])):
        _add(k, n)


def _add(k: tuple, n: int) -> None:
    fields = dict(zip(KEY, k, strict=True))
    if CaseCount.objects.filter(**fields).update(cases=F("cases") + n):
        return
    try:
        # A savepoint: another transaction may make the row first (then add to theirs).
        with transaction.atomic():
            CaseCount.objects.create(cases=n, **fields)
    except IntegrityError:
        CaseCount.objects.filter(**fields).update(cases=F("cases") + n)


def total(where: Q) -> int:
    """How many cases match `where`, a filter on the key's columns only."""
    return CaseCount.objects.filter(where).aggregate(n=Sum("cases"))["n"] or 0


def by_state(where: Q) -> dict[str, int]:
    rows = CaseCount.objects.filter(where).order_by().values_list("state").annotate(n=Sum("cases"))
    return {state: n for state, n in rows if n}


def recount() -> dict[tuple, int]:
    """The counts as the cases are now (one pass over every case)."""
    rows = Case.objects.order_by().values_list(*KEY).annotate(n=models.Count("id"))
    return {tuple(row[:-1]): row[-1] for row in rows}


def kept() -> dict[tuple, int]:
    return {tuple(row[:-1]): row[-1] for row in CaseCount.objects.values_list(*KEY, "cases")}


def differences() -> list[tuple[tuple, int, int]]:
    """(key, kept, recounted) for every key whose kept count is not the cases' own."""
    connection = transaction.get_connection()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for both reads, so a change committed between them is no drift.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        now, stored = recount(), kept()
    return [
        (k, stored.get(k, 0), now.get(k, 0))
        for k in sorted(set(now) | set(stored), key=repr)
        if stored.get(k, 0) != now.get(k, 0)
    ]


def rebuild() -> dict[tuple, int]:
    """Replace the kept counts with a recount, and return it."""
    with transaction.atomic():
        if transaction.get_connection().vendor == "postgresql":
            # Changes to cases wait meanwhile: a move between the recount and the
            # replacement would be lost. (SQLite has one writer at a time anyway.)
            with transaction.get_connection().cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{Case._meta.db_table}" IN SHARE MODE')
        now = recount()
        CaseCount.objects.all().delete()
        CaseCount.objects.bulk_create(
            CaseCount(cases=n, **dict(zip(KEY, k, strict=True))) for k, n in now.items()
        )
    return now
