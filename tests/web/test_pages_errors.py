"""The error pages (403, 404, 500, and the CSRF refusal) in the site's frame."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path

from crs.site import urls as site_urls


def _refused(request):
    raise PermissionDenied("You cannot authorise your own case (4.2.3).")


def _broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("refused/", _refused),
    path("broken/", _broken),
    path("", include(site_urls)),
]


def test_an_unknown_page_is_a_gov_uk_404(client, pc_ali):
    client.force_login(pc_ali)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – Community Resolutions</title>" in html
    assert "govuk-generic-header" in html


@pytest.mark.urls(__name__)
def test_a_refusal_is_a_403_that_says_why(client, pc_ali):
    client.force_login(pc_ali)
    response = client.get("/refused/")
    assert response.status_code == 403
    assert "You cannot authorise your own case (4.2.3)." in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_crash_is_a_500_in_the_frame_without_details(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "a bug" not in html


def test_a_form_without_its_csrf_token_is_refused_with_a_gov_uk_page(db):
    response = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
