"""Every case endpoint, for every role: the web's permissions and workflow guards, refused
in the one error format. Another team's case is a 404 (its existence is not given away);
a case one can see but may not change is a 403; a step its state does not allow, a 409.

The people (tests/cases/personas.py): pc_ali owns the cases, in the North team;
sgt_brown and insp_carr supervise North; rev_evans is North's supervisor reviewer
(a Sergeant); ps_okafor North's police staff of Sergeant-equivalent grade; imu_fisher an
IMU quality assurer, admin_gray an administrator and vj_patel a Victim Justice analyst
(force-wide, no team); outsider a South constable, yjt_supervisor the Youth Justice
Team Supervisor and rj_quinn the Restorative Justice Officer, who see neither an
adult's case nor North's (the RJ officer only cases referred to them).
"""

import pytest

from crs.cases import services
from crs.cases.models import Case
from tests.cases import facts as f
from tests.cases import walk

pytestmark = pytest.mark.django_db

ROLES = (
    "pc_ali",
    "sgt_brown",
    "insp_carr",
    "rev_evans",
    "ps_okafor",
    "imu_fisher",
    "admin",
    "analyst",
    "outsider",
    "yjt_supervisor",
    "rj_officer",
)
WORKERS = {"pc_ali", "sgt_brown", "insp_carr", "rev_evans"}  # the owner and North's sergeants+
SEE_ONLY = {"ps_okafor", "imu_fisher", "admin", "analyst"}


def expect(ok=200, *, allowed=WORKERS, seen=SEE_ONLY, **special) -> dict:
    """ok for those allowed, 403 for others who can see the case, 404 for the rest."""
    table = {r: ok if r in allowed else 403 if r in seen | allowed else 404 for r in ROLES}
    return table | special


READ = expect(allowed=WORKERS | SEE_ONLY)
WORK = expect()
WORK_CREATE = expect(201)
# Authority for an adult's previous sanction (3.5.2): a Sergeant or above, never the owner;
# police staff may not give it (no "PSE equivalent" there).
AUTHORITY = expect(allowed={"sgt_brown", "insp_carr", "rev_evans"}, seen=SEE_ONLY | {"pc_ali"})
REVIEW = expect(allowed={"sgt_brown", "insp_carr", "rev_evans"}, seen=SEE_ONLY | {"pc_ali"})
IMU = expect(allowed={"imu_fisher"}, seen=SEE_ONLY | WORKERS)


def all_done(p):
    case = walk.in_progress(p["pc_ali"])
    services.complete_action(case, p["pc_ali"], case.actions.get(kind="financial_compensation"))
    return walk.fresh(case)


def action_path(kind, verb):
    return lambda c: f"/cases/{c.pk}/actions/{c.actions.get(kind=kind).pk}/{verb}"


def v(**body):
    """A body carrying the version of the case as read."""
    return lambda c: {"version": c.version, **body}


CONTACT = {"party": "victim", "purpose": "other", "method": "phone", "outcome": "spoke"}

# name: (set-up, method, path, body, expected status by role, state after a success)
ENDPOINTS = {
    "get_case": (walk.opened, "get", "/cases/{pk}", None, READ, None),
    "update_facts": (
        walk.opened,
        "put",
        "/cases/{pk}/facts",
        v(facts=f.case_facts(f.needs_sergeant())),
        WORK,
        "draft",
    ),
    "assess": (walk.opened, "post", "/cases/{pk}/assess", v(), WORK, "assessed"),
    "request_authorisation": (
        lambda o: walk.assessed(o, f.needs_sergeant()),
        "post",
        "/cases/{pk}/request-authorisation",
        v(note="Previous penalty notice."),
        WORK,
        "awaiting_authorisation",
    ),
    "authorise": (
        walk.awaiting,
        "post",
        "/cases/{pk}/authorise",
        v(rationale="Two years since; low harm."),
        AUTHORITY,
        "authorised",
    ),
    "refuse": (
        walk.awaiting,
        "post",
        "/cases/{pk}/refuse",
        v(rationale="Too soon after the last."),
        AUTHORITY,
        "refused",
    ),
    "agree": (walk.planned, "post", "/cases/{pk}/agree", v(note="Signed."), WORK, "agreed"),
    "start_actions": (walk.agreed, "post", "/cases/{pk}/start-actions", v(), WORK, None),
    "complete": ("all_done", "post", "/cases/{pk}/complete", v(), WORK, "completed"),
    "non_compliance": (
        walk.in_progress,
        "post",
        "/cases/{pk}/non-compliance",
        v(reason="Did not pay."),
        WORK,
        "non_compliant",
    ),
    "submit_for_review": (
        walk.completed,
        "post",
        "/cases/{pk}/submit-for-review",
        v(),
        WORK,
        "supervisor_review",
    ),
    "approve_review": (
        walk.in_review,
        "post",
        "/cases/{pk}/approve-review",
        v(note="Checked."),
        REVIEW,
        "imu_qa",
    ),
    "return_to_officer": (
        walk.in_review,
        "post",
        "/cases/{pk}/return-to-officer",
        v(reasons="Record the victim's wishes."),
        REVIEW,
        "completed",
    ),
    "imu_accept": ("in_qa", "post", "/cases/{pk}/imu-accept", v(note="Fine."), IMU, "closed"),
    "imu_return": (
        "in_qa",
        "post",
        "/cases/{pk}/imu-return",
        v(reasons="No victim contact."),
        IMU,
        "supervisor_review",
    ),
    "withdraw": (
        walk.assessed,
        "post",
        "/cases/{pk}/withdraw",
        v(reason="Victim withdrew the complaint."),
        expect(allowed=WORKERS | {"admin"}),
        "withdrawn",
    ),
    "case_authorisations": ("authorised", "get", "/cases/{pk}/authorisations", None, READ, None),
    "contacts": (walk.agreed, "get", "/cases/{pk}/contacts", None, READ, None),
    "log_contact": (walk.assessed, "post", "/cases/{pk}/contacts", v(**CONTACT), WORK_CREATE, None),
    "actions": (walk.planned, "get", "/cases/{pk}/actions", None, READ, None),
    "add_action": (
        walk.assessed,
        "post",
        "/cases/{pk}/actions",
        v(kind="verbal_apology", description="Apologise to the shop."),
        WORK_CREATE,
        None,
    ),
    "complete_action": (
        walk.in_progress,
        "post",
        action_path("financial_compensation", "complete"),
        v(note="Paid."),
        WORK,
        None,
    ),
    "fail_action": (
        walk.agreed,
        "post",
        action_path("financial_compensation", "fail"),
        v(reason="Did not pay."),
        WORK,
        None,
    ),
    "victim_views": (walk.assessed, "get", "/cases/{pk}/victim-views", None, READ, None),
    "record_victim_view": (
        walk.assessed,
        "post",
        "/cases/{pk}/victim-views",
        v(method="phone", views="Wants an apology.", consents=True),
        WORK_CREATE,
        None,
    ),
    "people": (walk.opened, "get", "/cases/{pk}/people", None, READ, None),
    "add_person": (
        walk.opened,
        "post",
        "/cases/{pk}/people",
        v(role="victim", given_name="Sam", family_name="Jones", date_of_birth="1990-01-31"),
        WORK_CREATE,
        None,
    ),
    "statements": (walk.assessed, "get", "/cases/{pk}/statements", None, READ, None),
    "add_statement": (
        walk.assessed,
        "post",
        "/cases/{pk}/statements",
        v(kind="rationale", text="First offence; the victim agrees."),
        WORK_CREATE,
        None,
    ),
    "signatures": (walk.assessed, "get", "/cases/{pk}/signatures", None, READ, None),
    "sign": (
        walk.assessed,
        "post",
        "/cases/{pk}/signatures",
        v(party="offender", name="Sam Jones"),
        WORK_CREATE,
        None,
    ),
    "record_restorative": (
        walk.assessed,
        "put",
        "/cases/{pk}/restorative",
        v(delivery="none"),
        WORK,
        None,
    ),
}


def build(setup, people) -> Case:
    owner = people["pc_ali"]
    if setup == "all_done":
        return all_done(people)
    if setup == "in_qa":
        return walk.in_qa(owner, people["rev_evans"])
    if setup == "authorised":
        return walk.authorised(owner, people["sgt_brown"])
    return walk.fresh(setup(owner))


@pytest.fixture
def people(request):
    return {role: request.getfixturevalue(role) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoint_answers_each_role_as_the_web_would(people, as_user, name, role):
    setup, method, path, body, expected, after = ENDPOINTS[name]
    case = build(setup, people)
    url = path(case) if callable(path) else path.format(pk=case.pk)
    response = as_user(people[role]).call(method, url, body(case) if body else None)
    status = expected[role]
    assert response.status_code == status, response.content
    now = walk.fresh(case)
    if status < 300:
        if method != "get":
            assert now.version == case.version + 1  # one change, through one service
        if after:
            assert response.json()["state"] == now.state == after
        return
    error = response.json()["error"]
    assert error["code"] == {403: "not_permitted", 404: "not_found"}[status]
    assert error["message"]
    assert (now.state, now.version) == (case.state, case.version)  # nothing changed


OPENERS = {
    "pc_ali": 201,
    "sgt_brown": 201,
    "insp_carr": 201,
    "ps_okafor": 201,
    "outsider": 201,
    "rev_evans": 403,  # only an officer opens a case
    "imu_fisher": 403,
    "yjt_supervisor": 403,
    "analyst": 403,
    "rj_officer": 403,
    "admin": 422,  # may open one, but has no team to open it in
}


@pytest.mark.parametrize("role", ROLES)
def test_open_case_for_each_role(people, as_user, role):
    user = people[role]
    response = as_user(user).post(
        "/cases", {"crime_reference": f"CR/{role}/24", "facts": f.case_facts(f.eligible())}
    )
    assert response.status_code == OPENERS[role], response.content
    if response.status_code == 201:
        case = Case.objects.get(pk=response.json()["id"])
        assert (case.owner, case.team, case.state) == (user, user.team, "draft")
        assert response.json()["facts"] == f.case_facts(f.eligible())
    else:
        assert not Case.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_case_list_shows_each_role_only_the_cases_they_may_see(people, as_user, role):
    walk.opened(people["pc_ali"], ref="CR/NORTH/24")
    walk.opened(people["outsider"], ref="CR/SOUTH/24")
    response = as_user(people[role]).get("/cases")
    assert response.status_code == 200
    seen = {item["crime_reference"] for item in response.json()["items"]}
    north, south = "CR/NORTH/24" in seen, "CR/SOUTH/24" in seen
    force_wide = role in ("imu_fisher", "admin", "analyst")
    assert north == (role in WORKERS | SEE_ONLY)
    assert south == (force_wide or role == "outsider")
    assert response.json()["count"] == len(seen)


@pytest.mark.parametrize("role", ROLES)
def test_authorisations_list_holds_only_visible_cases(people, as_user, role):
    walk.authorised(people["pc_ali"], people["sgt_brown"])
    response = as_user(people[role]).get("/authorisations")
    assert response.status_code == 200
    assert response.json()["count"] == (1 if role in WORKERS | SEE_ONLY else 0)


@pytest.mark.parametrize("role", ROLES)
def test_any_role_may_assess_facts_without_a_case(people, as_user, role):
    officer = {"role": "constable", "rj_level1_trained": True}
    response = as_user(people[role]).post("/assessments", f.facts(officer=officer))
    assert response.status_code == 200
    assert response.json()["decision"] == "eligible"


def test_youth_justice_supervisor_sees_a_childs_case_but_not_an_adults(people, as_user):
    child = walk.assessed(people["pc_ali"], f.child(), ref="CR/CHILD/24")
    adult = walk.assessed(people["pc_ali"], f.eligible(), ref="CR/ADULT/24")
    api = as_user(people["yjt_supervisor"])
    assert api.get(f"/cases/{child.pk}").status_code == 200
    assert api.get(f"/cases/{adult.pk}").status_code == 404


def test_acting_inspector_cannot_give_a_substantive_inspectors_authority(
    pc_ali, acting_insp_carr, as_user
):
    case = walk.awaiting(pc_ali, f.needs_substantive_inspector())
    response = as_user(acting_insp_carr).post(
        f"/cases/{case.pk}/authorise", {"rationale": "Low harm."}
    )
    assert response.status_code == 403
    assert "substantive inspector" in response.json()["error"]["message"]
    assert walk.fresh(case).state == "awaiting_authorisation"


def test_police_staff_may_give_a_sergeants_authority_where_pse_equivalent_is_allowed(
    pc_ali, ps_okafor, as_user
):
    case = walk.awaiting(pc_ali, f.needs_sergeant_or_pse())
    response = as_user(ps_okafor).post(f"/cases/{case.pk}/authorise", {"rationale": "RUI only."})
    assert response.status_code == 200
    assert response.json()["state"] == "authorised"


def test_due_date_is_not_past_16_weeks(pc_ali, as_user):
    case = walk.assessed(pc_ali)
    response = as_user(pc_ali).post(
        f"/cases/{case.pk}/actions",
        {"kind": "financial_compensation", "description": "Pay.", "due_date": "2024-12-01"},
    )
    assert response.status_code == 409
    assert "16 weeks" in response.json()["error"]["message"]
    assert not case.actions.exists()


def test_unknown_action_on_a_case_is_a_404(pc_ali, as_user):
    case = walk.agreed(pc_ali)
    response = as_user(pc_ali).post(f"/cases/{case.pk}/actions/999999/complete", {})
    assert response.status_code == 404


def test_restorative_justice_officer_sees_a_case_once_referred_to_them(people, as_user):
    case = walk.assessed(people["pc_ali"])
    api = as_user(people["rj_officer"])
    assert api.get(f"/cases/{case.pk}").status_code == 404
    referred = as_user(people["pc_ali"]).put(
        f"/cases/{case.pk}/restorative",
        {"delivery": "referred", "referral_note": "The victim wants to meet the offender."},
    )
    assert referred.status_code == 200
    assert api.get(f"/cases/{case.pk}").status_code == 200


def test_an_action_done_on_an_agreed_case_starts_the_monitoring_through_the_api(people, as_user):
    """Two changes, each audited: the actions started (4.4.5), then the apology done."""
    case = walk.agreed(people["pc_ali"])
    path = action_path("verbal_apology", "complete")(case)
    response = as_user(people["pc_ali"]).call("post", path, {"version": case.version})
    assert response.status_code == 200, response.content
    now = walk.fresh(case)
    assert (now.state, now.version) == ("actions_in_progress", case.version + 2)
