"""What a scrutiny panel does: draw a sample, record a finding. The web door calls these.

Who: the panel's members in crs are the Victim Justice analysts and officers of
Inspector rank and above; everyone else is refused. A finding is a record about
the case, so each one recorded (or changed) is also written to the case's audit
trail, through crs.audit, in the same transaction.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from crs.accounts.models import RANK_ORDER, Rank, Role
from crs.audit.log import record
from crs.cases.errors import Invalid, NotPermitted
from crs.cases.models import Case
from crs.cases.workflow import State

from . import sampling
from .models import Finding, Sample, SampleCase

MAX_SIZE = 500
MAX_SEED = 2**31 - 1


def can_scrutinise(user) -> str | None:
    """None if the person may draw samples and record findings, else why not."""
    if user.is_active and (
        user.role == Role.VICTIM_JUSTICE_ANALYST
        or RANK_ORDER.get(user.rank, 0) >= RANK_ORDER[Rank.INSPECTOR]
    ):
        return None
    return (
        "Only scrutiny panel members can see samples and record findings: "
        "Victim Justice analysts and officers of Inspector rank and above."
    )


def _permit(user) -> None:
    message = can_scrutinise(user)
    if message:
        raise NotPermitted(message)


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def closed_cases(start: date, end: date):
    """The cases closed in the period (both days included), as (pk, offence category)."""
    return Case.objects.filter(
        state=State.CLOSED, closed_at__date__gte=start, closed_at__date__lte=end
    ).values_list("pk", "offence_category")


def draw_sample(user, *, start: date, end: date, size: int, seed: int | None = None) -> Sample:
    _permit(user)
    if end < start:
        raise Invalid("The end of the period must be the same as or after its start.")
    if not 1 <= size <= MAX_SIZE:
        raise Invalid(f"The sample size must be between 1 and {MAX_SIZE}.")
    if seed is None:
        seed = new_seed()
    elif not 0 <= seed <= MAX_SEED:
        raise Invalid(f"The seed must be a whole number between 0 and {MAX_SEED}.")
    with transaction.atomic():
        drawn = sampling.draw(closed_cases(start, end), size, seed)
        if not drawn.chosen:
            raise Invalid("No cases were closed in that period: choose another period.")
        sample = Sample.objects.create(
            seed=seed,
            size=size,
            period_start=start,
            period_end=end,
            population=drawn.population,
            strata=drawn.strata,
            created_by=user,
        )
        SampleCase.objects.bulk_create(
            SampleCase(sample=sample, case_id=pk, position=i, offence_category=category)
            for i, (pk, category) in enumerate(drawn.chosen, start=1)
        )
    return sample


def record_finding(user, sample_case: SampleCase, *, finding: str, comments: str = "") -> Finding:
    """The panel's finding on one case of a sitting; recording again replaces it (audited)."""
    _permit(user)
    if finding not in Finding.Verdict.values:
        raise Invalid("Select the panel's finding.")
    comments = (comments or "").strip()
    if finding in (Finding.Verdict.WITH_OBSERVATIONS, Finding.Verdict.INAPPROPRIATE) and not (
        comments
    ):
        raise Invalid("Enter the panel's comments: this finding needs them.")
    with transaction.atomic():
        current = Finding.objects.select_for_update().filter(sample_case=sample_case).first()
        before = (
            None if current is None else {"finding": current.finding, "comments": current.comments}
        )
        row = current or Finding(sample_case=sample_case)
        row.finding, row.comments = finding, comments
        row.recorded_by, row.at = user, timezone.now()
        row.save()
        record(
            actor=user,
            case=sample_case.case,
            action="scrutiny_finding",
            before=before,
            after={
                "sample": sample_case.sample.name,
                "pseudonym": sample_case.pseudonym,
                "finding": finding,
                "comments": comments,
            },
            why=f"Scrutiny panel, sample {sample_case.sample.name}",
        )
    return row
