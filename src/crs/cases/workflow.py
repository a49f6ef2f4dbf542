"""The states of a case and the transitions between them (the graph; the guards are in guards.py).

draft → assessed → awaiting_authorisation → authorised | refused
assessed (eligible) | authorised → agreed → actions_in_progress
agreed | actions_in_progress → completed | non_compliant
completed | non_compliant → supervisor_review → imu_qa → closed
supervisor_review → completed | non_compliant (returned to the officer with reasons, 4.5.1)
imu_qa → supervisor_review (returned with reasons, 4.5.4)
assessed | awaiting_authorisation | authorised → draft (a fact changed: reassess)
any open state → withdrawn (with a reason)
"""

from __future__ import annotations

from django.db import models


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    ASSESSED = "assessed", "Assessed"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting authorisation"
    AUTHORISED = "authorised", "Authorised"
    REFUSED = "refused", "Authorisation refused"
    AGREED = "agreed", "Agreed with the offender"
    ACTIONS_IN_PROGRESS = "actions_in_progress", "Actions in progress"
    COMPLETED = "completed", "Actions completed"
    NON_COMPLIANT = "non_compliant", "Not complied with"
    SUPERVISOR_REVIEW = "supervisor_review", "Supervisor review"
    IMU_QA = "imu_qa", "IMU quality assurance"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


STATE_LABELS = {s.value: s.label for s in State}
FINAL = (State.REFUSED, State.CLOSED, State.WITHDRAWN)
OPEN = tuple(s for s in State if s not in FINAL)
# A fact can change (and the case be reassessed) only before the resolution is agreed.
BEFORE_AGREEMENT = (
    State.DRAFT,
    State.ASSESSED,
    State.AWAITING_AUTHORISATION,
    State.AUTHORISED,
)
REASSESSABLE = (State.ASSESSED, State.AWAITING_AUTHORISATION, State.AUTHORISED)
# The Community Remedy actions are set once assessed and before the agreement (4.4.2)...
PLANNING = (State.ASSESSED, State.AWAITING_AUTHORISATION, State.AUTHORISED)
# ...and followed, once agreed, until completed or not complied with (4.4.5, 4.6.1).
FOLLOWING = (State.AGREED, State.ACTIONS_IN_PROGRESS)
# Delivered and not yet reviewed: the duties that follow delivery fall due (3.4.3, 4.3.5).
AFTER_DELIVERY = (*FOLLOWING, State.COMPLETED, State.NON_COMPLIANT)
# Open and agreed: the 1912 can be signed.
AGREED_OPEN = tuple(s for s in OPEN if s not in BEFORE_AGREEMENT)

# How each transition reads in a sentence: "A case that is draft cannot be agreed."
TRANSITION_LABELS = {
    "mark_assessed": "assessed (change a fact first)",
    "reopen_for_reassessment": "reopened for reassessment",
    "request_authorisation": "sent for authorisation",
    "grant": "authorised",
    "refuse": "refused authority",
    "agree": "agreed with the offender",
    "start_actions": "moved to actions in progress",
    "complete": "completed",
    "record_non_compliance": "recorded as not complied with",
    "submit_for_review": "submitted for supervisor review",
    "approve_review": "approved by a supervisor",
    "return_from_review": "returned to the officer",
    "accept": "accepted by the IMU",
    "return_to_officer": "returned by the IMU",
    "withdraw": "withdrawn",
}
