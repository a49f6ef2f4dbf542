"""Two people changing one case: the second is told, not silently overwritten."""

import pytest

from crs.cases import services as s
from crs.cases.errors import Conflict

from .walk import awaiting, fresh


def test_a_change_made_from_a_stale_copy_is_refused_as_a_conflict(pc_ali, sgt_brown):
    case = awaiting(pc_ali)
    stale = fresh(case)
    s.authorise(case, sgt_brown, rationale="Proportionate.")
    with pytest.raises(Conflict, match="changed by someone else"):
        s.withdraw(stale, pc_ali, reason="Charged instead.")


def test_a_stale_copy_of_ones_own_change_says_it_was_another_tab_not_someone_else(pc_ali):
    case = awaiting(pc_ali)
    stale = fresh(case)
    s.log_contact(case, pc_ali, party="victim", purpose="other", method="phone", outcome="spoke")
    with pytest.raises(Conflict, match=r"^You changed case .* in another tab or window"):
        s.withdraw(stale, pc_ali, reason="Charged instead.")


def test_every_change_moves_the_version_on(pc_ali, sgt_brown):
    case = awaiting(pc_ali)
    assert s.authorise(case, sgt_brown, rationale="Proportionate.").version == case.version + 1


def test_the_state_cannot_be_set_by_hand(pc_ali):
    case = awaiting(pc_ali)
    with pytest.raises(AttributeError, match="Direct state modification is not allowed"):
        case.state = "closed"
