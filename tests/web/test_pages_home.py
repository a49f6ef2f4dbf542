"""The home page: each person's work lists, with counts that match the cases behind them."""

import re
from datetime import UTC, datetime

import pytest

from crs.cases import services as s
from crs.cases.duties import duties
from crs.cases.models import Case
from crs.web.pages import worklists
from tests.cases import facts as f
from tests.cases import walk

# After the 1 May 2024 due date of walk's deferred action, within 16 weeks of the offence.
FROZEN = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(worklists, "now", lambda: FROZEN)


def counts(client, user) -> dict[str, int]:
    client.force_login(user)
    html = client.get("/").content.decode()
    found = re.findall(
        r'id="worklist-(\w+)">\s*<a[^>]*>\s*<span class="crs-count">(\d+)</span>', html
    )
    return {key: int(n) for key, n in found}


def listed(client, user, key) -> set[str]:
    client.force_login(user)
    html = client.get(f"/cases/?list={key}").content.decode()
    return set(re.findall(r'<a class="govuk-link" href="/cases/\d+/">([^<]+)</a>', html))


def child_agreed_without_a_parent_reached(owner, ref="CR/0001/24"):
    """A 14-year-old's CR delivered after a parent could not be reached (3.4.2, 3.4.3)."""
    case = walk.assessed(owner, f.child(), ref=ref)
    s.add_action(case, owner, kind="verbal_apology", description="Apologise.")
    case = s.log_contact(
        walk.fresh(case), owner, party="parent_guardian", purpose="before_delivery",
        method="phone", outcome="no_answer",
    ).case  # fmt: skip
    return s.agree(case, owner)


def test_an_anonymous_visitor_sees_no_work_lists(client, db):
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "persona, lists",
    [
        ("pc_ali", ["mine", "actions_overdue", "actions_due", "contacts_due"]),
        (
            "sgt_brown",
            ["mine", "awaiting_me", "actions_overdue", "actions_due", "contacts_due", "review"],
        ),
        (
            "insp_carr",
            ["mine", "awaiting_me", "actions_overdue", "actions_due", "contacts_due", "review"],
        ),
        ("yjt_supervisor", ["awaiting_me"]),
        ("rev_evans", ["awaiting_me", "review"]),
        ("imu_fisher", ["qa"]),
        ("outsider", ["mine", "actions_overdue", "actions_due", "contacts_due"]),
    ],
)
def test_each_role_sees_its_own_work_lists(client, request, persona, lists):
    assert list(counts(client, request.getfixturevalue(persona))) == lists


def test_my_open_cases_counts_the_officers_own_open_cases(client, pc_ali, sgt_brown):
    walk.opened(pc_ali, ref="CR/1/24")
    walk.assessed(pc_ali, ref="CR/2/24")
    walk.opened(sgt_brown, ref="CR/3/24")
    withdrawn = walk.opened(pc_ali, ref="CR/4/24")
    s.withdraw(withdrawn, pc_ali, reason="Charged instead.")
    assert counts(client, pc_ali)["mine"] == 2
    assert listed(client, pc_ali, "mine") == {"CR/1/24", "CR/2/24"}


def test_awaiting_my_authorisation_counts_only_what_the_rank_can_give(
    client, pc_ali, sgt_brown, insp_carr, yjt_supervisor
):
    walk.awaiting(pc_ali)  # a Sergeant's authority (3.5.2), CR/0001/24
    youth = walk.assessed(pc_ali, f.child_needs_yjs_and_inspector(), ref="CR/0002/24")
    s.request_authorisation(youth, pc_ali)
    assert counts(client, sgt_brown)["awaiting_me"] == 1
    assert counts(client, insp_carr)["awaiting_me"] == 2
    assert counts(client, yjt_supervisor)["awaiting_me"] == 1
    assert listed(client, yjt_supervisor, "awaiting_me") == {"CR/0002/24"}


def test_an_authority_already_given_leaves_the_list(client, pc_ali, insp_carr, yjt_supervisor):
    youth = walk.assessed(pc_ali, f.child_needs_yjs_and_inspector())
    youth = s.request_authorisation(youth, pc_ali)
    s.authorise(youth, yjt_supervisor, rationale="Proportionate for a first youth caution.")
    assert counts(client, yjt_supervisor)["awaiting_me"] == 0
    assert counts(client, insp_carr)["awaiting_me"] == 1


def test_ones_own_case_never_awaits_ones_authorisation(client, sgt_brown):
    walk.awaiting(sgt_brown)
    assert counts(client, sgt_brown)["awaiting_me"] == 0


def test_actions_overdue_and_due_follow_the_clock(client, monkeypatch, pc_ali):
    walk.in_progress(pc_ali)  # compensation due 1 May 2024
    assert counts(client, pc_ali)["actions_overdue"] == 1
    monkeypatch.setattr(worklists, "now", lambda: datetime(2024, 4, 28, 9, tzinfo=UTC))
    assert counts(client, pc_ali) | {} == {
        "mine": 1,
        "actions_overdue": 0,
        "actions_due": 1,
        "contacts_due": 0,
    }


def test_overdue_actions_are_the_ones_the_duties_call_overdue(client, pc_ali):
    case = walk.in_progress(pc_ali)
    overdue = [d for d in duties(case, now=FROZEN) if d.code == "action_due" and d.overdue]
    assert len(overdue) == 1
    assert listed(client, pc_ali, "actions_overdue") == {case.crime_reference}


def test_parent_guardian_contacts_due_match_the_duties(client, pc_ali):
    case = child_agreed_without_a_parent_reached(pc_ali)
    codes = [d.code for d in duties(Case.objects.get(pk=case.pk), now=FROZEN)]
    assert "parent_guardian_informed" in codes
    assert counts(client, pc_ali)["contacts_due"] == 1


def test_a_parent_reached_clears_the_contact_due(client, pc_ali):
    case = child_agreed_without_a_parent_reached(pc_ali)
    s.log_contact(
        case, pc_ali, party="parent_guardian", purpose="inform_of_resolution", method="phone",
        outcome="spoke",
    )  # fmt: skip
    assert counts(client, pc_ali)["contacts_due"] == 0


def test_the_review_queue_is_the_teams_cases_in_review(client, pc_ali, sgt_brown, outsider):
    walk.in_review(pc_ali)
    assert counts(client, sgt_brown)["review"] == 1
    assert "review" not in counts(client, outsider)


def test_the_qa_queue_counts_cases_awaiting_the_imu(client, pc_ali, rev_evans, imu_fisher):
    walk.in_qa(pc_ali, rev_evans)
    assert counts(client, imu_fisher)["qa"] == 1
    assert listed(client, imu_fisher, "qa") == {"CR/0001/24"}


def test_each_count_links_to_its_list(client, pc_ali):
    client.force_login(pc_ali)
    html = client.get("/").content.decode()
    assert 'href="/cases/?list=contacts_due"' in html


def test_the_state_table_counts_only_visible_cases(client, pc_ali, outsider):
    walk.opened(pc_ali, ref="CR/1/24")
    walk.opened(outsider, ref="CR/2/24")
    client.force_login(outsider)
    html = client.get("/").content.decode()
    assert re.search(r'id="state-all">1<', html)


def test_an_adults_parent_not_reached_is_no_contact_due(client, pc_ali):
    case = walk.agreed(pc_ali)
    s.log_contact(
        case, pc_ali, party="parent_guardian", purpose="other", method="phone",
        outcome="no_answer",
    )  # fmt: skip
    assert counts(client, pc_ali)["contacts_due"] == 0
