"""The work lists: which cases wait on this person, as querysets the home page counts and the
case list filters by (`?list=<key>`).

Each list is a fixed number of queries whatever the number of cases, so the home page
costs the same on a force's whole caseload as on three cases. The lists follow the
SOP's deadlines as crs.cases.duties states them; tests check the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from crs.accounts.models import RANK_ORDER, Rank, Role
from crs.cases import counts, permissions, summary
from crs.cases.models import Case, Contact, RemedyAction
from crs.cases.workflow import AFTER_DELIVERY, FOLLOWING, OPEN, State

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class WorkList:
    key: str
    label: str
    hint: str
    build: Callable[[], QuerySet]  # only the list asked for is built
    # The list as a filter on the kept counts' columns (crs.cases.counts), when it reads
    # nothing else: then its count is a sum of a few rows, not a count of the cases...
    tally: Q | None = None
    # ...less these cases, which the tally counts and the list leaves out (a few, found
    # from the person's own work).
    barred: Callable[[], QuerySet] | None = None

    @property
    def cases(self) -> QuerySet:
        return self.build()

    def count(self, where: Q | None = None) -> int:
        """How many cases the list holds (of those `where` also picks: a filter on the
        kept counts' columns, the state chosen on the case list)."""
        where = where or Q()
        if self.tally is None:
            return self.cases.filter(where).count()
        less = self.barred().filter(where).count() if self.barred else 0
        return counts.total(self.tally & where) - less


def _tally(seen: Q | None, *filters: Q) -> Q | None:
    if seen is None:
        return None
    for where in filters:
        seen &= where
    return seen


def now() -> datetime:
    """The clock the work lists read; tests freeze it here."""
    return timezone.now()


def supervises(user) -> bool:
    return RANK_ORDER.get(user.rank, 0) >= RANK_ORDER[Rank.SERGEANT] and user.team_id is not None


def worked_cases(user, visible: QuerySet) -> QuerySet:
    """The cases this person works: their own, and their team's when they supervise it.

    Everyone sees their own cases and their team's (visible_cases), so `visible` is not
    said again: ANDed with its own terms it makes the database misjudge how many cases
    match and read them from the table rather than the indexes."""
    cases = Case.objects.all() if user.is_active and user.is_authenticated else visible
    if supervises(user):
        return cases.filter(Q(owner=user) | Q(team_id=user.team_id))
    return cases.filter(owner=user)


def awaiting_my_authorisation(user, visible: QuerySet) -> QuerySet:
    """Cases awaiting an authority this person can give, never their own work (4.2.2,
    4.2.3, Ruling R38).

    The authorities still to be given are copied onto the case (crs.cases.summary), so
    this is one filter whatever the number of cases.
    """
    wanted = _awaiting_filter(user)
    if wanted is None:
        return visible.none()
    return permissions.authorisable_by(user, _awaiting_seen(user, visible).filter(wanted))


def _awaiting_seen(user, visible: QuerySet) -> QuerySet:
    """`visible`, for the cases awaiting authorisation: to a Sergeant or above that is every
    such case, so the filter is left out. Kept in, it makes the database misjudge how many
    cases match ("awaiting, and seen because awaiting") and read them all for a page."""
    if user.is_active and permissions.sees_every_awaiting_case(user):
        return Case.objects.all()
    return visible


def _awaiting_filter(user) -> Q | None:
    """Awaiting an authority this person could give, not their own case: a filter on the
    kept counts' columns too. None when they could give none."""
    tokens = summary.tokens_for(user)
    if not tokens:
        return None
    wanted = Q()
    for token in tokens:
        wanted |= Q(authorities_outstanding__contains=f" {token} ")
    return Q(state=State.AWAITING_AUTHORISATION) & wanted & ~Q(owner=user)


def _barred_from_authorising(user, visible: QuerySet) -> QuerySet:
    wanted = _awaiting_filter(user)
    if wanted is None:
        return visible.none()
    awaiting = _awaiting_seen(user, visible).filter(wanted)
    return permissions.barred_by_own_work(user, awaiting, State.AWAITING_AUTHORISATION)


def _pending_actions(due_before=None, due_from=None):
    actions = RemedyAction.objects.filter(
        case=OuterRef("pk"), instant=False, status=RemedyAction.Status.PENDING
    )
    if due_before is not None:
        actions = actions.filter(due_date__lt=due_before)
    if due_from is not None:
        actions = actions.filter(due_date__gte=due_from)
    return Exists(actions)


def actions_overdue(user, visible: QuerySet, at: datetime) -> QuerySet:
    """Cases with a deferred action past its due date and not yet marked (4.4.5)."""
    today = timezone.localdate(at)
    return worked_cases(user, visible).filter(
        _pending_actions(due_before=today), state__in=FOLLOWING
    )


def actions_due(user, visible: QuerySet, at: datetime) -> QuerySet:
    """Cases with a deferred action due in the next week (4.4.5)."""
    today = timezone.localdate(at)
    soon = today + timedelta(days=DUE_SOON_DAYS + 1)
    return worked_cases(user, visible).filter(
        _pending_actions(due_before=soon, due_from=today), state__in=FOLLOWING
    )


def contacts_due(user, visible: QuerySet) -> QuerySet:
    """Cases of under-18s delivered without a parent or guardian reached (3.4.3, Ruling R26):
    the duty `parent_guardian_informed` of crs.cases.duties."""
    reached = Contact.objects.filter(
        case=OuterRef("pk"), party=Contact.Party.PARENT_GUARDIAN, outcome__in=Contact.REACHED
    )
    return (
        worked_cases(user, visible)
        .filter(state__in=AFTER_DELIVERY, agreed_at__isnull=False, juvenile=True)
        .exclude(Exists(reached))
    )


def review_queue(user, visible: QuerySet) -> QuerySet:
    """Cases waiting for a supervisor's review that this person may give (4.5.1)."""
    if user.role != Role.SUPERVISOR_REVIEWER and not supervises(user):
        return visible.none()
    return visible.filter(*_review_filters(user))


def _review_filters(user) -> list[Q]:
    team = Q() if user.role == Role.SUPERVISOR_REVIEWER else Q(team_id=user.team_id)
    return [team, Q(state=State.SUPERVISOR_REVIEW), ~Q(owner=user)]


def qa_queue(user, visible: QuerySet) -> QuerySet:
    """Cases waiting for the IMU's quality assurance (4.5.4)."""
    if user.role != Role.IMU_QUALITY_ASSURER:
        return visible.none()
    return visible.filter(state=State.IMU_QA).exclude(owner=user)


def work_lists(user, at: datetime | None = None) -> list[WorkList]:
    """The lists that apply to this person's rank and role, in the order the home page shows."""
    at = at or now()
    visible = permissions.visible_cases(user)
    seen = permissions.counted_filter(user)
    lists = []
    if user.role == Role.OFFICER:
        lists.append(
            WorkList(
                "mine",
                "My open cases",
                "Cases you are the officer in.",
                partial(visible.filter, owner=user, state__in=OPEN),
                _tally(seen, Q(owner=user, state__in=OPEN)),
            )
        )
    if permissions.may_authorise_something(user):
        lists.append(
            WorkList(
                "awaiting_me",
                "Awaiting my authorisation",
                "Cases that need an authority your rank or role can give (4.2.2).",
                partial(awaiting_my_authorisation, user, visible),
                _tally(seen, _awaiting_filter(user) or Q(pk__in=[])),
                partial(_barred_from_authorising, user, visible),
            )
        )
    if user.role == Role.OFFICER:
        lists += [
            WorkList(
                "actions_overdue",
                "Actions overdue",
                "Deferred actions past their due date (4.4.5).",
                partial(actions_overdue, user, visible, at),
            ),
            WorkList(
                "actions_due",
                "Actions due this week",
                f"Deferred actions due in the next {DUE_SOON_DAYS} days (4.4.5).",
                partial(actions_due, user, visible, at),
            ),
            WorkList(
                "contacts_due",
                "Parent or guardian contacts due",
                "Under-18s whose parent or guardian must be told within 24 hours (3.4.3).",
                partial(contacts_due, user, visible),
            ),
        ]
    if user.role == Role.SUPERVISOR_REVIEWER or (user.role == Role.OFFICER and supervises(user)):
        lists.append(
            WorkList(
                "review",
                "Supervisor review",
                "Completed cases to quality assure and sign (4.5.1).",
                partial(review_queue, user, visible),
                _tally(seen, *_review_filters(user)),
            )
        )
    if user.role == Role.IMU_QUALITY_ASSURER:
        lists.append(
            WorkList(
                "qa",
                "IMU quality assurance",
                "Cases to accept, or return with reasons (4.5.4).",
                partial(qa_queue, user, visible),
                _tally(seen, Q(state=State.IMU_QA), ~Q(owner=user)),
            )
        )
    return lists
