"""The site so far: a home page and the admin, with the custom user model."""

from django.conf import settings

from crs.cases import services as s


def test_the_user_model_is_crs_own():
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_the_home_page_answers(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Community Resolutions" in response.content.decode()


def test_the_home_page_counts_cases_by_state(client, pc_ali):
    s.open_case(pc_ali, crime_reference="CR/1/24")
    content = client.get("/").content.decode()
    assert "<td>Draft</td><td>1</td>" in content


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
    from crs.web.wsgi import application

    assert callable(application)
