"""Signing in and out: every page but sign-in asks for it."""

import pytest

from crs.accounts.models import User


@pytest.fixture
def ali_with_password(pc_ali):
    pc_ali.set_password("a-long-test-password")
    pc_ali.save()
    return pc_ali


@pytest.mark.parametrize("path", ["/", "/cases/", "/cases/1/"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={path}")


def test_the_sign_in_page_answers_without_signing_in(client, db):
    assert client.get("/sign-in/").status_code == 200


def test_signing_in_goes_to_the_page_asked_for(client, ali_with_password):
    response = client.post(
        "/sign-in/",
        {"username": "pc_ali", "password": "a-long-test-password", "next": "/cases/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/cases/")


def test_a_wrong_password_puts_error_before_the_title(client, ali_with_password):
    response = client.post("/sign-in/", {"username": "pc_ali", "password": "wrong"})
    html = response.content.decode()
    assert "<title>Error: Sign in – Community Resolutions</title>" in html
    assert "Enter a correct username and password" in html


def test_an_empty_sign_in_names_each_missing_field(client, db):
    html = client.post("/sign-in/", {}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_sign_in_refuses_a_post_without_the_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/sign-in/", {"username": "x", "password": "y"}).status_code == 403


def test_signing_out_ends_the_session(client, pc_ali):
    client.force_login(pc_ali)
    response = client.post("/sign-out/")
    assert (response.status_code, response["Location"]) == (302, "/sign-in/")
    assert client.get("/").status_code == 302


def test_an_inactive_account_cannot_sign_in(client, ali_with_password):
    User.objects.filter(pk=ali_with_password.pk).update(is_active=False)
    response = client.post("/sign-in/", {"username": "pc_ali", "password": "a-long-test-password"})
    assert response.status_code == 200
