"""The imported outcomes of the same person, offered to a case's previous outcomes (3.5, 2.4.3).

crs.cases.services.find_previous_outcomes asks every finder in its
PREVIOUS_OUTCOME_FINDERS; this app adds `recorded_outcomes` there when Django
starts (apps.Config.ready), so crs.cases does not depend on this app.
"""

from __future__ import annotations

from .models import RecordedOutcome
from .rows import name_key

SOURCE = "records system"


def recorded_outcomes(person) -> list[dict]:
    """Outcomes imported for someone of the same names and date of birth, oldest first.

    The same names (case and spacing aside) and date of birth, as crs.cases matches
    earlier cases. The same outcome in two overlapping extracts is offered once.
    """
    if person.date_of_birth is None or not person.family_name.strip():
        return []
    rows = (
        RecordedOutcome.objects.filter(
            date_of_birth=person.date_of_birth,
            family_key=name_key(person.family_name),
            given_key=name_key(person.given_name),
        )
        .order_by("outcome_date", "id")
        .values_list("source_reference", "outcome", "outcome_date", "category", "substance")
    )
    found, seen = [], set()
    for row in rows:
        if row in seen:
            continue
        seen.add(row)
        reference, outcome, when, category, substance = row
        found.append(
            {
                "outcome": outcome,
                "date": when,
                "category": category,
                "substance": substance,
                "matched_case": None,
                "source": f"{SOURCE} {reference}"[:100],
            }
        )
    return found
