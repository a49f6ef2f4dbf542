"""Every route a GET can reach, declared: it logs access (DPA 2018 s.62), or it shows no
personal data, and why.

tests/audit/test_access_routes.py walks every GET route of the site (Django's URL
resolver) and of the API (its OpenAPI document: each path's GET), against a seeded case
with people, as someone who may open it. It fails on a route that shows a case or person
and leaves no access entry, on a route declared LOGS that answers and writes none, and on a
route missing here: a new page cannot be added without saying which it is.

Site routes are keyed by their URL name; API operations by "GET <path>", as in docs/api.md.
"""

from __future__ import annotations

LOGS = "logs access"
CASE_PAGE = (LOGS, "a page of one case: its URL names the case (AccessLogMiddleware)")
API_CASE = (LOGS, "a case or its records: the URL names the case (AccessLogMiddleware)")
CHANGE = (None, "changes only: a GET is refused or sent back, and shows nothing")


def _none(reason: str) -> tuple[None, str]:
    return (None, reason)


ACCESS_ROUTES: dict[str, tuple[str | None, str]] = {
    # The frame and one's own things.
    "home": _none(
        "the counts of one's work lists and of cases by state; no case or person, but for "
        "one's own cases returned to put right, which log access when shown (log_access)"
    ),
    "sign_in": _none("the sign-in form"),
    "sign_out": CHANGE,
    "two_factor_verify": _none("one's own second factor"),
    "two_factor_set_up": _none("one's own second factor"),
    "api_tokens": _none("one's own API tokens"),
    "api_token_revoke": CHANGE,
    "reminders:notifications": (LOGS, "one's reminders name their cases: log_access"),
    "reminders:mark_read": CHANGE,
    "reminders:mark_all_read": CHANGE,
    # Finding cases.
    "case_list": (LOGS, "the search and the cases its page shows: log_access"),
    "case_detail": CASE_PAGE,
    "access_report": _none("the form alone shows nothing; its search logs access (log_access)"),
    "journeys:open_case": _none("an empty form for a new case"),
    # The pages of a case.
    "journeys:assessment": CASE_PAGE,
    "journeys:question": CASE_PAGE,
    "journeys:panel": CASE_PAGE,
    "journeys:check_answers": CASE_PAGE,
    "journeys:assessment_result": CASE_PAGE,
    "journeys:request_authorisation": CHANGE,
    "journeys:authorise": CASE_PAGE,
    "journeys:actions": CASE_PAGE,
    "journeys:action_done": CHANGE,
    "journeys:action_failed": CHANGE,
    "journeys:change_action": CHANGE,
    "journeys:remove_action": CHANGE,
    "journeys:agree": CASE_PAGE,
    "journeys:deliver": CASE_PAGE,
    "journeys:start_actions": CHANGE,
    "journeys:complete": CHANGE,
    "journeys:non_compliance": CASE_PAGE,
    "journeys:contacts": CASE_PAGE,
    "journeys:victim": CASE_PAGE,
    "journeys:people": CASE_PAGE,
    "journeys:add_person": CASE_PAGE,
    "journeys:change_person": CASE_PAGE,
    "journeys:identities": CASE_PAGE,
    "journeys:signatures": CASE_PAGE,
    "journeys:records": CASE_PAGE,
    "journeys:form_1912": CASE_PAGE,
    "journeys:acceptance_form": CASE_PAGE,
    "journeys:restorative": CASE_PAGE,
    "journeys:submit_review": CASE_PAGE,
    "journeys:review": CASE_PAGE,
    "journeys:quality": CASE_PAGE,
    "journeys:withdraw": CASE_PAGE,
    # Oversight.
    "dashboard:dashboard": _none("counts only, small numbers suppressed; its CSV is a file"),
    "scrutiny:sample_list": _none("the samples: names, periods and who drew them"),
    "scrutiny:draw": _none("the form to draw a sample"),
    "scrutiny:sample": _none("the sample's cases by pseudonym and their findings"),
    "scrutiny:case": (LOGS, "one case, pseudonymised, for the panel: log_access"),
    "scrutiny:review": (LOGS, "one case's free text as written, to redact: log_access"),
    "scrutiny:findings": _none("the findings counted"),
    "scrutiny:findings_csv": (LOGS, "a file handed over (AccessLogMiddleware)"),
    "scrutiny:pack": (LOGS, "a file handed over, or the cases still to review: log_access"),
    # The API's own pages.
    "api_docs_asset": _none("the API documentation's scripts and styles"),
    "api:openapi-json": _none("the API's description"),
    "api:openapi-view": _none("the API's documentation page"),
    "api:api-root": _none("no endpoint: a 404"),
    # The API's reads.
    "GET /api/v1/cases": (LOGS, "the search and the cases its page shows: log_access"),
    "GET /api/v1/cases/{case_id}": API_CASE,
    "GET /api/v1/cases/{case_id}/authorisations": API_CASE,
    "GET /api/v1/authorisations": (LOGS, "the cases its page shows: log_access"),
    "GET /api/v1/cases/{case_id}/contacts": API_CASE,
    "GET /api/v1/cases/{case_id}/actions": API_CASE,
    "GET /api/v1/cases/{case_id}/victim-views": API_CASE,
    "GET /api/v1/cases/{case_id}/people": API_CASE,
    "GET /api/v1/cases/{case_id}/statements": API_CASE,
    "GET /api/v1/cases/{case_id}/signatures": API_CASE,
    "GET /api/v1/exchange/export": (LOGS, "closed cases' records handed over: log_access"),
}
