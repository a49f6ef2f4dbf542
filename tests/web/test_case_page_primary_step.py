"""The case page puts one next step first (issue 13 item 4): the decision waiting on this
person, else the officer's next piece of work, the record's first missing line before
review; nothing when nothing waits on them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from crs.cases import services as s

from ..cases import walk


def next_step(client, case) -> tuple[str, str] | None:
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    if 'id="next-step"' not in page:
        return None
    after = page.split('id="next-step"')[1]
    found = re.search(
        r'<a href="([^"]+)"[^>]*class="govuk-button"[^>]*>\s*(.*?)\s*</a>', after, re.S
    )
    return found.group(2).replace("&#x27;", "'"), found.group(1)


def journey(name, case, fragment=""):
    return reverse(f"journeys:{name}", args=[case.pk]) + fragment


@pytest.mark.parametrize(
    ("build", "label", "name"),
    [
        (walk.opened, "Answer the assessment questions", "assessment"),
        (walk.assessed, "Deliver the resolution", "deliver"),
        (walk.planned, "Deliver the resolution", "deliver"),
        (walk.agreed, "Follow the actions", "actions"),
        (walk.completed, "Send for supervisor review", "submit_review"),
    ],
    ids=["draft", "assessed", "planned", "agreed", "completed"],
)
def test_the_officer_is_shown_the_next_step_of_the_case(client, pc_ali, build, label, name):
    case = build(pc_ali)
    client.force_login(pc_ali)
    assert next_step(client, case) == (label, journey(name, case))


def test_a_record_not_complete_puts_its_first_missing_line_first(client, pc_ali):
    case = walk.concluded(pc_ali)
    client.force_login(pc_ali)
    assert next_step(client, case) == (
        "Record how the gravity score was arrived at",
        journey("records", case, "#id_gravity_rationale"),
    )


def test_what_sending_for_review_records_itself_does_not_come_before_it(client, pc_ali):
    """Only how the victim was told and the officer's signature are missing: the send for
    review page records both as it sends the case."""
    case = walk.in_progress(pc_ali)
    s.complete_action(case, pc_ali, case.actions.get(kind="financial_compensation"))
    case = walk.record_in_full(s.complete(walk.fresh(case), pc_ali), pc_ali, unsigned=("officer",))
    client.force_login(pc_ali)
    expected = ("Send for supervisor review", journey("submit_review", case))
    assert next_step(client, case) == expected


def test_the_supervisor_is_shown_the_review_and_the_officer_nothing(client, pc_ali, sgt_brown):
    case = walk.in_review(pc_ali)
    client.force_login(sgt_brown)
    assert next_step(client, case) == ("Review the case", journey("review", case))
    client.force_login(pc_ali)
    assert next_step(client, case) is None


def test_an_authority_waiting_is_the_sergeants_next_step(client, pc_ali, sgt_brown):
    case = walk.awaiting(pc_ali)
    client.force_login(sgt_brown)
    assert next_step(client, case) == ("Give or refuse authority", journey("authorise", case))
