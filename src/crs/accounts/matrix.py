"""Who may open what: the declared role × action matrix (issue 6, point 3).

Every page and API endpoint that shows something is listed here with the people who may
open it. The people are a fixed cast around one case — an adult's case, owned by a constable
of the North team — and one closed case drawn for a scrutiny panel. A test generated from this
table (tests/web/test_access_matrix.py) opens every route as every person and as someone not
signed in, and fails when the site lets in someone the table does not name, keeps out someone
it names, or has a route the table does not list: a new page cannot be added without saying
who may use it.

What is shown is narrower than what is opened for one role: a Victim Justice analyst ("analyst")
opens every case, but pseudonymised (crs.cases.identities, issue 11 item 10): on every page,
PDF and API answer listed here the people appear by their role and the offender's age band,
with no name, address, phone, email or date of birth, and the case list searches crime
references only. IDENTITIES is the page where an analyst records why they need one case's
identities; the reason goes into the access log and opens that case to them for four hours.
tests/web/test_minimisation.py reads every route the analyst may open for a child's name
and date of birth.

"Opens" means the route answers (2xx, or a redirect that is not to the sign-in page).
"Refused" means 403, or 404 for a case one may not see (its existence does not leak), and for
someone not signed in, the sign-in page (web) or 401 (API). Changes (POST) are refused or
allowed by the services every door shares (crs.cases.services and crs.cases.permissions),
whose tests cover each refusal; the routes that only take POST are listed in POST_ONLY.
"""

from __future__ import annotations

PERSONAS = {
    "owner": "constable, North team: the officer in the case",
    "team_constable": "constable, North team",
    "outsider": "constable, South team",
    "team_sergeant": "sergeant, North team",
    "other_sergeant": "sergeant, South team",
    "inspector": "inspector, North team",
    "yjs": "Youth Justice Team supervisor",
    "reviewer": "supervisor reviewer (a sergeant), North team",
    "imu": "IMU quality assurer",
    "rj": "Restorative Justice officer",
    "analyst": "Victim Justice analyst",
    "admin": "administrator",
}
EVERYONE = frozenset(PERSONAS)
ANYONE = EVERYONE | {"anonymous"}
# Who sees the North team adult's case (crs.cases.permissions.visible_cases, written out):
# its team, the force-wide roles, a team's supervisor reviewer. Not the other team, not the
# YJS supervisor (an adult), not the RJ officer (not referred), not a sergeant elsewhere
# (the case is not awaiting authorisation).
SEE_CASE = frozenset(
    {"owner", "team_constable", "team_sergeant", "inspector", "reviewer", "imu", "analyst", "admin"}
)
# Who works on the case's assessment: the officer in the case and a supervisor of the team.
WORK_CASE = frozenset({"owner", "team_sergeant", "inspector", "reviewer"})
OPEN_CASES = frozenset(
    {"owner", "team_constable", "outsider", "team_sergeant", "other_sergeant", "inspector", "admin"}
)
DASHBOARD = frozenset({"inspector", "imu", "analyst", "admin"})
SCRUTINY = frozenset({"inspector", "analyst"})
EXCHANGE = frozenset({"analyst", "admin"})
# The roles that see cases pseudonymised, and may open one case's identities with a reason.
IDENTITIES = frozenset({"analyst"})
# Who reads the access log back (who looked at a case or a person): as subject access.
ACCESS_REPORT = frozenset({"imu", "admin"})

ROUTES: dict[str, frozenset[str]] = {
    # The frame and one's own things.
    "home": EVERYONE,
    "sign_in": ANYONE,
    "two_factor_verify": EVERYONE,
    "two_factor_set_up": EVERYONE,
    "case_list": EVERYONE,
    "api_tokens": EVERYONE,
    "reminders:notifications": EVERYONE,
    "access_report": ACCESS_REPORT,
    # A case: seeing it.
    "case_detail": SEE_CASE,
    "journeys:assessment_result": SEE_CASE,
    "journeys:authorise": SEE_CASE,
    "journeys:actions": SEE_CASE,
    "journeys:agree": SEE_CASE,
    "journeys:deliver": SEE_CASE,
    "journeys:non_compliance": SEE_CASE,
    "journeys:contacts": SEE_CASE,
    "journeys:victim": SEE_CASE,
    "journeys:people": SEE_CASE,
    "journeys:signatures": SEE_CASE,
    "journeys:records": SEE_CASE,
    "journeys:form_1912": SEE_CASE,
    "journeys:acceptance_form": SEE_CASE,
    "journeys:restorative": SEE_CASE,
    "journeys:submit_review": SEE_CASE,
    "journeys:review": SEE_CASE,
    "journeys:quality": SEE_CASE,
    "journeys:withdraw": SEE_CASE,
    "journeys:identities": IDENTITIES,
    # A case: changing its assessment.
    "journeys:open_case": OPEN_CASES,
    "journeys:assessment": WORK_CASE,
    "journeys:question": WORK_CASE,
    "journeys:panel": WORK_CASE,
    "journeys:check_answers": WORK_CASE,
    "journeys:add_person": WORK_CASE,
    "journeys:change_person": WORK_CASE,
    # Oversight.
    "dashboard:dashboard": DASHBOARD,
    "scrutiny:sample_list": SCRUTINY,
    "scrutiny:draw": SCRUTINY,
    "scrutiny:sample": SCRUTINY,
    "scrutiny:case": SCRUTINY,
    "scrutiny:review": SCRUTINY,
    "scrutiny:findings": SCRUTINY,
    "scrutiny:findings_csv": SCRUTINY,
    "scrutiny:pack": SCRUTINY,
    # The API (a token of every scope each; no token: 401).
    "api:list_cases": EVERYONE,
    "api:authorisations": EVERYONE,
    "api:get_case": SEE_CASE,
    "api:case_authorisations": SEE_CASE,
    "api:contacts": SEE_CASE,
    "api:actions": SEE_CASE,
    "api:victim_views": SEE_CASE,
    "api:people": SEE_CASE,
    "api:statements": SEE_CASE,
    "api:signatures": SEE_CASE,
    "api:export_records": EXCHANGE,
    "api:openapi-json": ANYONE,
    "api:openapi-view": ANYONE,
    "api:api-root": frozenset(),  # /api/v1/ itself is no endpoint: a 404 for everyone
    "api_docs_asset": ANYONE,
}

# Routes that only change things (their GET is refused, or sends one back to the case page).
POST_ONLY = frozenset(
    {
        "sign_out",
        "api_token_revoke",
        "reminders:mark_read",
        "reminders:mark_all_read",
        "journeys:request_authorisation",
        "journeys:start_actions",
        "journeys:complete",
        "journeys:action_done",
        "journeys:action_failed",
        "journeys:change_action",
        "journeys:remove_action",
        # The API's changes: each one service, refused there as on the pages.
        "api:assess",
        "api:open_case",
        "api:update_facts",
        "api:request_authorisation",
        "api:authorise",
        "api:refuse_authorisation",
        "api:agree",
        "api:start_actions",
        "api:complete",
        "api:record_non_compliance",
        "api:submit_for_review",
        "api:approve_review",
        "api:return_to_officer",
        "api:imu_accept",
        "api:imu_return",
        "api:withdraw",
        "api:log_contact",
        "api:add_action",
        "api:complete_action",
        "api:fail_action",
        "api:record_victim_view",
        "api:add_person",
        "api:change_person",
        "api:add_statement",
        "api:sign",
        "api:record_restorative",
        "api:import_extract",
    }
)
