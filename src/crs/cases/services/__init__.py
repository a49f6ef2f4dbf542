"""The operations on a case: every door (web, API, command line) changes cases only here.

Each operation takes the case as the caller read it and the acting user,
checks the person may do it, applies the change (and the workflow transition,
whose guards enforce the SOP), and writes the audit entry, all in one
transaction. It raises a crs.cases.errors.CaseError whose text is the
sentence to show: NotPermitted, NotAllowed, Invalid or Conflict. Operations
that change the case return the case as it now is: use that copy next.
"""

from .authorisation import authorise, refuse_authorisation, request_authorisation
from .cases import (
    assess,
    fill_offender,
    find_previous_outcomes,
    open_case,
    set_previous_outcomes,
    update_facts,
)
from .delivery import (
    add_action,
    agree,
    change_action,
    complete,
    complete_action,
    fail_action,
    record_non_compliance,
    remove_action,
    start_actions,
)
from .drafts import answer_draft, changed_meanwhile, clear_draft, draft_of
from .records import (
    add_person,
    add_statement,
    log_contact,
    record_gravity_rationale,
    record_restorative,
    record_victim_view,
    sign,
    update_person,
)
from .review import (
    approve_review,
    imu_accept,
    imu_return,
    return_to_officer,
    submit_for_review,
    withdraw,
)

__all__ = [
    "add_action",
    "add_person",
    "add_statement",
    "agree",
    "answer_draft",
    "approve_review",
    "assess",
    "authorise",
    "change_action",
    "changed_meanwhile",
    "clear_draft",
    "complete",
    "complete_action",
    "draft_of",
    "fail_action",
    "fill_offender",
    "find_previous_outcomes",
    "imu_accept",
    "imu_return",
    "log_contact",
    "open_case",
    "record_gravity_rationale",
    "record_non_compliance",
    "record_restorative",
    "record_victim_view",
    "refuse_authorisation",
    "remove_action",
    "request_authorisation",
    "return_to_officer",
    "set_previous_outcomes",
    "sign",
    "start_actions",
    "submit_for_review",
    "update_facts",
    "update_person",
    "withdraw",
]
