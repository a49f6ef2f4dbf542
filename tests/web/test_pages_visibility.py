"""visible_cases(user): the one rule for which cases a person may see (crs.cases.permissions)."""

from crs.cases import services as s
from crs.cases.permissions import visible_cases
from tests.cases import facts as f
from tests.cases import walk


def refs(user) -> set[str]:
    return set(visible_cases(user).values_list("crime_reference", flat=True))


def test_an_officer_sees_their_own_and_their_teams_cases(pc_ali, sgt_brown, outsider):
    walk.opened(pc_ali, ref="CR/1/24")
    walk.opened(sgt_brown, ref="CR/2/24")
    walk.opened(outsider, ref="CR/3/24")
    assert refs(pc_ali) == {"CR/1/24", "CR/2/24"}


def test_an_outsider_sees_none_of_another_teams_cases(pc_ali, outsider):
    walk.opened(pc_ali, ref="CR/1/24")
    assert refs(outsider) == set()


def test_the_imu_sees_every_case(pc_ali, outsider, imu_fisher):
    walk.opened(pc_ali, ref="CR/1/24")
    walk.opened(outsider, ref="CR/2/24")
    assert refs(imu_fisher) == {"CR/1/24", "CR/2/24"}


def test_the_youth_justice_supervisor_sees_only_under_18s(pc_ali, yjt_supervisor):
    walk.assessed(pc_ali, f.child(), ref="CR/1/24")
    walk.assessed(pc_ali, f.eligible(), ref="CR/2/24")
    walk.opened(pc_ali, f.child(), ref="CR/3/24")  # not assessed: age not yet established
    assert refs(yjt_supervisor) == {"CR/1/24"}


def test_anyone_who_can_authorise_sees_cases_awaiting_authority_in_any_team(
    pc_ali, acting_insp_carr, south
):
    acting_insp_carr.team = south
    acting_insp_carr.save()
    walk.awaiting(pc_ali)
    walk.assessed(pc_ali, ref="CR/2/24")
    assert refs(acting_insp_carr) == {"CR/0001/24"}


def test_an_inactive_account_sees_nothing(pc_ali):
    walk.opened(pc_ali, ref="CR/1/24")
    pc_ali.is_active = False
    assert refs(pc_ali) == set()


def test_the_rj_officer_sees_the_cases_referred_to_them(pc_ali, db):
    from crs.accounts.models import Rank, Role, User

    rjo = User.objects.create(username="rjo", rank=Rank.POLICE_STAFF, role=Role.RJ_OFFICER)
    referred = walk.assessed(pc_ali, ref="CR/1/24")
    walk.assessed(pc_ali, ref="CR/2/24")
    s.record_restorative(referred, pc_ali, delivery="referred", referral_note="Victim asked.")
    assert refs(rjo) == {"CR/1/24"}


def test_the_youth_justice_supervisor_does_not_see_an_adult_awaiting_authority(
    pc_ali, yjt_supervisor
):
    walk.awaiting(pc_ali)
    assert refs(yjt_supervisor) == set()
