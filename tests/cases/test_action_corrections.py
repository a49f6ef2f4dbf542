"""An action set by mistake is corrected or removed before the agreement, never after
(4.4.2-4.4.4); the audit trail keeps what it was."""

from datetime import date

import pytest

from crs.audit.models import AuditEntry
from crs.cases import services as s
from crs.cases.errors import Invalid, NotAllowed, NotPermitted

from .walk import DUE, agreed, fresh, planned


def test_an_action_is_corrected_before_agreement_and_the_audit_keeps_what_it_said(pc_ali):
    case = planned(pc_ali)
    pay = case.actions.get(kind="financial_compensation")
    changed = s.change_action(
        case, pc_ali, pay, description="Pay 12 pounds.", due_date=date(2024, 4, 20)
    )
    assert (changed.description, changed.due_date) == ("Pay 12 pounds.", date(2024, 4, 20))
    entry = AuditEntry.objects.filter(case=case, action="change_action").get()
    assert entry.before["action"]["description"] == "Pay 9 pounds."
    assert entry.after["action"]["description"] == "Pay 12 pounds."


def test_a_correction_keeps_the_16_week_limit(pc_ali):
    case = planned(pc_ali)
    pay = case.actions.get(kind="financial_compensation")
    with pytest.raises(NotAllowed, match="cannot be due after 11 June 2024"):
        s.change_action(case, pc_ali, pay, description="Pay.", due_date=date(2024, 7, 1))
    assert fresh(case).actions.get(pk=pay.pk).due_date == DUE


def test_a_correction_needs_what_the_offender_will_do(pc_ali):
    case = planned(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    with pytest.raises(Invalid, match="Enter what the offender will do"):
        s.change_action(case, pc_ali, apology, description=" ")


def test_an_action_is_removed_before_agreement_and_the_audit_keeps_it(pc_ali):
    case = planned(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    case = s.remove_action(case, pc_ali, apology)
    assert list(case.actions.values_list("kind", flat=True)) == ["financial_compensation"]
    entry = AuditEntry.objects.filter(case=case, action="remove_action").get()
    assert entry.before["action"]["description"] == "Apologise to the shop."


def test_once_agreed_an_action_can_be_neither_changed_nor_removed(pc_ali):
    case = agreed(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    with pytest.raises(NotAllowed, match="only before the resolution is agreed"):
        s.remove_action(case, pc_ali, apology)
    with pytest.raises(NotAllowed, match="only before the resolution is agreed"):
        s.change_action(case, pc_ali, apology, description="Apologise in writing.")
    assert fresh(case).actions.count() == 2


def test_someone_who_cannot_work_on_the_case_cannot_remove_its_actions(pc_ali, outsider):
    case = planned(pc_ali)
    with pytest.raises(NotPermitted):
        s.remove_action(case, outsider, case.actions.first())
