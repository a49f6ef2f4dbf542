"""The dashboard page: who may see it, the filters, the tables and their CSV."""

import csv
import io

import pytest

from crs.accounts.models import Rank, Role, User

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def person(username, **extra):
    return User.objects.create(username=username, **extra)


@pytest.mark.parametrize(
    "extra",
    [
        {"role": Role.VICTIM_JUSTICE_ANALYST, "rank": Rank.POLICE_STAFF},
        {"role": Role.ADMINISTRATOR, "rank": Rank.NONE},
        {"role": Role.IMU_QUALITY_ASSURER, "rank": Rank.POLICE_STAFF},
        {"rank": Rank.INSPECTOR},
        {"rank": Rank.SUPERINTENDENT},
        {"rank": Rank.POLICE_STAFF, "pse_equivalent_rank": Rank.INSPECTOR},
    ],
)
def test_the_victim_justice_team_inspectors_and_above_and_administrators_see_it(client, extra):
    client.force_login(person("viewer", **extra))
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Community Resolutions dashboard" in response.content


@pytest.mark.parametrize(
    "extra",
    [
        {"rank": Rank.CONSTABLE},
        {"rank": Rank.SERGEANT},
        {"rank": Rank.POLICE_STAFF, "pse_equivalent_rank": Rank.SERGEANT},
        {"rank": Rank.SERGEANT, "role": Role.SUPERVISOR_REVIEWER},
        {"rank": Rank.NONE, "role": Role.YOUTH_JUSTICE_SUPERVISOR},
        {"rank": Rank.INSPECTOR, "is_active": False},
    ],
)
def test_others_are_refused_with_403_and_the_reason(client, extra):
    client.force_login(person("refused", **extra))
    response = client.get(URL)
    if extra.get("is_active") is False:  # an inactive person is not signed in at all
        assert response.status_code == 302
        return
    assert response.status_code == 403
    assert b"Inspectors and above" in response.content
    assert client.get(URL + "?format=csv&table=summary").status_code == 403


def test_signed_out_the_dashboard_asks_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_navigation_links_to_the_dashboard_only_for_those_who_may_see_it(client):
    client.force_login(person("insp", rank=Rank.INSPECTOR))
    assert b'href="/dashboard/"' in client.get("/").content
    client.force_login(person("pc", rank=Rank.CONSTABLE))
    assert b'href="/dashboard/"' not in client.get("/").content


@pytest.fixture
def analyst(client, db):
    user = person("vja", role=Role.VICTIM_JUSTICE_ANALYST, rank=Rank.POLICE_STAFF)
    client.force_login(user)
    return user


def rows_of(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_every_table_on_the_page_has_a_chart_a_table_and_a_csv_link(client, analyst, dataset):
    page = client.get(URL).content.decode()
    for key in (
        "summary",
        "by-month",
        "by-district",
        "by-category",
        "by-level",
        "shares",
        "authorisation-time",
        "authorisation-time-bands",
        "imu-returns",
        "satisfaction",
        "fairness-age-band",
        "fairness-sex",
        "fairness-ethnic-group",
    ):
        assert f'id="table-{key}"' in page, key
        assert f"format=csv&amp;table={key}" in page, key
        assert client.get(URL, {"format": "csv", "table": key}).status_code == 200, key
    assert page.count('class="dash-chart"') == 12  # every table but the two percentiles


def test_csv_of_volumes_by_district_and_of_the_shares(client, analyst, dataset):
    by_district = rows_of(client.get(URL, {"format": "csv", "table": "by-district"}))
    assert by_district == [
        ["District", "Cases"],
        ["Testshire North", "5"],
        ["Testshire South", "3"],
    ]
    shares = rows_of(client.get(URL, {"format": "csv", "table": "shares"}))
    assert shares[1] == ["CRs given with a restorative element", "0.5", "2", "4"]
    assert shares[2] == ["Completed within 16 weeks of the offence", "0.666667", "2", "3"]
    assert shares[3] == ["CRs given not complied with", "0.25", "1", "4"]


def test_csv_keeps_the_filters_of_the_page(client, analyst, dataset):
    south = rows_of(
        client.get(URL, {"format": "csv", "table": "summary", "district": "Testshire South"})
    )
    assert south[1] == ["Cases", "3"]
    march = rows_of(client.get(URL, {"format": "csv", "table": "by-month", "start": "2024-03"}))
    assert march == [["Month", "Cases"], ["March 2024", "3"]]


def test_csv_of_fairness_by_ethnic_group_with_the_baseline(client, analyst, dataset, baseline_file):
    table = rows_of(client.get(URL, {"format": "csv", "table": "fairness-ethnic-group"}))
    assert table[0][:2] == ["Ethnic group", "Cases"]
    black = next(r for r in table if r[0].startswith("Black"))
    # 1 case, 1 given, none refused; 1 / 200 x 1,000 = 5 per 1,000; 5 / 1 = 5.0; flagged.
    assert black[1:8] == ["1", "1", "0", "1.0", "200", "5.0", "5.0"]
    assert black[8].startswith("Fewer than 10")
    white = next(r for r in table if r[0] == "White")
    assert white[8] == "Reference group"


def test_a_reason_that_looks_like_a_formula_is_quoted_in_the_csv(client, analyst, dataset):
    from crs.dashboard import tables

    table = tables.Table("t", "T", [tables.Column("Reason", "text")], [["=HYPERLINK(1)"]])
    assert tables.as_csv(table).splitlines()[1] == "'=HYPERLINK(1)"


def test_an_unknown_table_is_404(client, analyst, dataset):
    assert client.get(URL, {"format": "csv", "table": "nothing"}).status_code == 404


def test_a_last_month_before_the_first_is_refused_naming_the_field(client, analyst, dataset):
    query = {"start": "2024-03", "end": "2024-02"}
    page = client.get(URL, query)
    assert page.status_code == 200
    assert b"The last month must be the same as or after the first month" in page.content
    assert b'href="#id_end"' in page.content
    assert b"<title>Error: " in page.content
    csv_response = client.get(URL, {**query, "format": "csv", "table": "summary"})
    assert csv_response.status_code == 400
    assert b"last month" in csv_response.content


def test_only_months_with_cases_can_be_chosen(client, analyst, dataset):
    page = client.get(URL).content.decode()
    assert '<option value="2024-02">February 2024</option>' in page
    assert '<option value="2024-03">March 2024</option>' in page
    refused = client.get(URL, {"start": "2024-13"}).content.decode()
    assert "Select a first month from the list" in refused


def test_the_page_says_when_the_baseline_is_the_illustrative_sample(client, analyst, dataset):
    page = client.get(URL).content.decode()
    assert 'id="baseline-illustrative"' in page
    assert "Ratios on small numbers are unreliable" in page


def test_a_broken_baseline_is_named_on_the_page_by_line_and_column(
    client, analyst, dataset, tmp_path, settings
):
    bad = tmp_path / "bad.csv"
    bad.write_text("dimension,group,population,reference\nsex,female,many,yes\n")
    settings.CRS_POPULATION_BASELINE = str(bad)
    page = client.get(URL).content.decode()
    assert 'id="baseline-error"' in page
    assert "line 2, column population" in page
    assert "Testshire North" in page  # the other figures are still shown
