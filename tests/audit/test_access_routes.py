"""Every GET route leaves its s.62 entry if it shows a case or a person (issue 11, item 5).

The routes are found, not listed: the site's from Django's URL resolver, the API's from its
OpenAPI document (each path's GET). Each is opened by someone who may open it (the
role × action matrix, crs.accounts.matrix) against a case with named people and a closed
case in a scrutiny sample. A route fails if its answer names either case or a person in
them and no access entry was written, or if crs.audit.routes declares it logs access and
it answered 200 without an entry, or if crs.audit.routes does not declare it.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from crs.accounts.matrix import ROUTES
from crs.api.api import api
from crs.audit.models import AccessEntry
from crs.audit.routes import ACCESS_ROUTES, LOGS
from crs.cases.models import Case
from tests.web.test_access_matrix import client_as, url_for, world  # noqa: F401 (fixture)

# Who opens a route: the first of these the matrix lets in (a change: the case's officer).
PREFERENCE = ("owner", "analyst", "inspector", "admin")
OUTSIDE = ("admin:",)  # Django's admin: staff only, its own log (LogEntry)


def api_operations() -> dict[str, set[str]]:
    """The API's routes as Django has them ("api/v1/cases/<case_id>") → their methods."""
    paths = api.get_openapi_schema()["paths"]
    return {
        path.lstrip("/").replace("{", "<").replace("}", ">"): {m.upper() for m in operations}
        for path, operations in paths.items()
    }


def site_routes(resolver=None, namespace="", prefix=""):
    """(name, route, keyword names) of every named route of the site."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            name = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from site_routes(entry, name, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), set(entry.pattern.regex.groupindex)


def every_get_route() -> dict[str, tuple[str, set]]:
    """Each route a GET reaches, by its declared key → (its URL name, its keywords).

    The API's operations share a route per path (GET and POST /api/v1/cases): keyed once,
    "GET /api/v1/cases", if the path has a GET, and left out if it has only changes. Any
    other route (a page, the API's own documentation) is keyed by its URL name.
    """
    operations = api_operations()
    found: dict[str, tuple[str, set]] = {}
    for name, route, keys in site_routes():
        if name.startswith(OUTSIDE):
            continue
        if route not in operations:
            found[name] = (name, keys)
        elif "GET" in operations[route]:
            found.setdefault(f"GET /{route.replace('<', '{').replace('>', '}')}", (name, keys))
    return found


@pytest.fixture
def seeded(world):  # noqa: F811 (the fixture imported above)
    people, tokens, kwargs, sample = world
    case = Case.objects.get(pk=kwargs["pk"])
    # The walked case has its offender already (decision 0011): name them, as they stand.
    case.people.filter(role="offender").update(
        given_name="Zebedee", family_name="Quixote", date_of_birth=date(2001, 2, 3)
    )
    closed = sample.cases.get().case
    markers = [case.crime_reference, closed.crime_reference, "Quixote", "Zebedee", "03/02/2001"]
    markers += [p.family_name for p in closed.people.all() if p.family_name]
    kwargs = {**kwargs, "action": 1}  # the changes to an action: a GET shows nothing
    return people, tokens, kwargs, sample, [m.encode() for m in markers]


def test_every_get_route_is_declared_as_logging_access_or_showing_no_personal_data():
    found = set(every_get_route())
    assert found - set(ACCESS_ROUTES) == set(), "routes nobody declared in crs.audit.routes"
    assert set(ACCESS_ROUTES) - found == set(), "crs.audit.routes declares routes that are gone"


def test_every_get_route_that_shows_a_case_or_person_leaves_an_access_entry(seeded):
    people, tokens, kwargs, sample, markers = seeded
    wrong = []
    for key, (name, keys) in sorted(every_get_route().items()):
        allowed = ROUTES.get(name, ())
        label = next((p for p in PREFERENCE if p in allowed), "owner")
        url = url_for(name, keys, kwargs, sample)
        client = client_as(label, key.startswith("GET "), people, tokens)
        before = AccessEntry.objects.count()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        logged = AccessEntry.objects.count() > before
        shown = [m.decode() for m in markers if m in body]
        if shown and not logged:
            wrong.append(f"{key} ({url}, as {label}): shows {shown} and left no access entry")
        declared = ACCESS_ROUTES.get(key, (None, ""))[0]
        if declared == LOGS and response.status_code == 200 and not logged:
            wrong.append(f"{key} ({url}, as {label}): declared to log access, wrote none")
    assert wrong == [], "\n".join(wrong)
