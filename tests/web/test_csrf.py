"""Every form is protected against cross-site request forgery (issue 6, point 5)."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import ROOT

# The API takes a bearer token, never a cookie, so a forged cross-site request carries no
# credential: Django Ninja leaves its views without the CSRF check, on purpose.
TOKEN_ONLY = ("api/v1/",)


def every_view(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_view(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_csrf_middleware_is_on(settings):
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_no_page_is_exempt_from_the_csrf_check():
    exempt = [
        route
        for route, view in every_view()
        if getattr(view, "csrf_exempt", False) and not route.startswith(TOKEN_ONLY)
    ]
    assert exempt == []


def test_every_form_that_posts_carries_the_csrf_token():
    missing = []
    for path in (ROOT / "src" / "crs").rglob("templates/**/*.html"):
        text = path.read_text()
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
            opening = form.group(0)[: form.group(0).index(">") + 1]
            if re.search(r'method="post"', opening, re.I) and "{% csrf_token %}" not in form.group(
                1
            ):
                missing.append(f"{path.relative_to(ROOT)}: {opening}")
    assert missing == []


def test_a_post_without_the_token_is_refused(client, pc_ali):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(pc_ali)
    response = client.post("/sign-out/")
    assert response.status_code == 403
