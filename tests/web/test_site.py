"""The site: sign-in first, the admin, the custom user model (the pages: test_pages_*)."""

from django.conf import settings

from crs.cases import services as s


def test_the_user_model_is_crs_own():
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_the_home_page_asks_for_a_sign_in(client, db):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/sign-in/?next=/")


def test_the_admin_asks_for_a_login(client, db):
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_an_administrator_can_open_the_case_list_in_the_admin(client, pc_ali):
    from crs.accounts.models import Role, User

    admin = User.objects.create_superuser("admin", password="x", role=Role.ADMINISTRATOR)
    s.open_case(pc_ali, crime_reference="CR/1/24")
    client.force_login(admin)
    response = client.get("/admin/cases/case/")
    assert response.status_code == 200
    assert "CR/1/24" in response.content.decode()


def test_the_wsgi_application_loads():
    from crs.site.wsgi import application

    assert callable(application)
