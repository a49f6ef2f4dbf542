"""What the frame (base.html) shows on every page: the navigation for the person's role."""

from __future__ import annotations

from django.urls import reverse

from crs.cases import permissions
from crs.dashboard.access import can_see_dashboard
from crs.scrutiny.services import can_scrutinise
from crs.ui.templatetags.govuk import linkto

from .access_report import may_read

CASE_PAGES = {"case_list", "case_detail"}


def frame(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = getattr(request.resolver_match, "url_name", "") or ""
    nav = [
        {"text": "Home", "href": reverse("home"), "current": current == "home"},
        {"text": "Cases", "href": reverse("case_list"), "current": current in CASE_PAGES},
    ]
    new_case = linkto("journeys:open_case")
    if new_case and permissions.can_open_case(user) is None:
        nav.append({"text": "New case", "href": new_case, "current": current == "open_case"})
    dashboard = linkto("dashboard:dashboard")
    if dashboard and can_see_dashboard(user) is None:
        nav.append({"text": "Dashboard", "href": dashboard, "current": current == "dashboard"})
    namespace = getattr(request.resolver_match, "namespace", "") or ""
    scrutiny = linkto("scrutiny:sample_list")
    if scrutiny and can_scrutinise(user) is None:
        nav.append({"text": "Scrutiny", "href": scrutiny, "current": namespace == "scrutiny"})
    if may_read(user):
        nav.append(
            {
                "text": "Access log",
                "href": reverse("access_report"),
                "current": current == "access_report",
            }
        )
    tokens = linkto("api_tokens")
    if tokens:
        nav.append({"text": "API tokens", "href": tokens, "current": current == "api_tokens"})
    if user.is_staff:
        nav.append({"text": "Administration", "href": reverse("admin:index"), "current": False})
    return {"nav": nav}
