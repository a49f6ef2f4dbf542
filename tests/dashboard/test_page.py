"""The dashboard page: who may see it, the filters, the tables and their CSV."""

import csv
import io

import pytest
from django.utils import timezone
from scipy.stats import beta

from crs.accounts.models import Rank, Role, User
from crs.dashboard.models import Refresh, Tally

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
    """The table of a CSV download, after its block of metadata."""
    return table_of(response)[1]


def table_of(response) -> tuple[dict[str, list[str]], list[list[str]]]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    blank = rows.index([])
    about: dict[str, list[str]] = {}
    for label, value in rows[:blank]:
        about.setdefault(label, []).append(value)
    return about, rows[blank + 1 :]


TABLES = (
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
)


def test_every_table_on_the_page_has_a_chart_a_table_and_a_csv_link(client, analyst, dataset):
    page = client.get(URL).content.decode()
    for key in TABLES:
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
    # Due: the four given; C1 and C7 in time, C2 late, C3 not complied with.
    assert shares[2] == ["Completed within 16 weeks of the offence", "0.5", "2", "4"]
    assert shares[4] == ["Not complied with", "0.25", "1", "4"]
    assert shares[6] == ["CRs given not complied with (all)", "0.25", "1", "4"]


def test_csv_keeps_the_filters_of_the_page(client, analyst, dataset):
    south = rows_of(
        client.get(URL, {"format": "csv", "table": "summary", "district": "Testshire South"})
    )
    assert south[1] == ["Cases", "3"]
    march = rows_of(client.get(URL, {"format": "csv", "table": "by-month", "start": "2024-03"}))
    assert march == [["Month", "Cases"], ["March 2024", "3"]]


def test_csv_of_fairness_by_ethnic_group_suppresses_counts_below_five(
    client, analyst, dataset, baseline_file
):
    table = rows_of(client.get(URL, {"format": "csv", "table": "fairness-ethnic-group"}))
    assert table[0][:2] == ["Ethnic group", "Cases"]
    assert table[0][7:10] == [
        "Disproportionality ratio (95% confidence interval)",
        "95% CI lower",
        "95% CI upper",
    ]
    black = next(r for r in table if r[0].startswith("Black"))
    # 1 case, 1 given, none refused: the 1s are [c], and the share, rate and ratio from them.
    assert black[1:10] == ["[c]", "[c]", "0", "[c]", "200", "[c]", "[c]", "[c]", "[c]"]
    assert black[10].startswith("Fewer than 5")
    white = next(r for r in table if r[0] == "White")
    assert white[10].startswith("Reference group")


def test_small_counts_show_as_c_on_the_page_and_no_ratio_is_given(
    client, analyst, dataset, baseline_file
):
    page = client.get(URL).content.decode()
    sex = page[page.index('id="table-fairness-sex"') :]
    sex = sex[: sex.index("</table>")]
    assert "[c]" in sex
    assert "1.50" not in sex  # male: 3 given against the reference's 1; not shown
    assert 'id="suppression"' in page


def test_a_group_with_no_cases_shows_no_cases_not_a_ratio_of_nought(
    client, analyst, dataset, tmp_path, settings
):
    from .data import BASELINE

    path = tmp_path / "population.csv"
    path.write_text(BASELINE + "age_band,45-54,800,\n")
    settings.CRS_POPULATION_BASELINE = str(path)
    table = rows_of(client.get(URL, {"format": "csv", "table": "fairness-age-band"}))
    row = next(r for r in table if r[0] == "45 to 54")
    assert row[1:10] == ["0", "0", "0", "", "800", "no cases", "no cases", "no cases", "no cases"]
    page = client.get(URL).content.decode()
    ages = page[page.index('id="table-fairness-age-band"') :]
    row_html = ages[ages.index(">45 to 54<") : ages.index("</tr>", ages.index(">45 to 54<"))]
    assert "no cases" in row_html and "0.00" not in row_html


def test_a_ratio_on_enough_crs_is_shown_with_its_interval_and_the_line_at_one(
    client, analyst, baseline_file, db
):
    # Male 30 given of 2,000 people (15 per 1,000), female (reference) 10 of 1,000 (10):
    # ratio 1.5, and its exact interval from the beta quantiles of 30 of the 40.
    for group, n in (("male", 30), ("female", 10)):
        Tally.objects.create(
            month=None, district="North", category="theft", figure="sex", key=group,
            outcome="given", n=n, rollup=True,
        )  # fmt: skip
    Refresh.objects.create(pk=1, started_at=timezone.now(), finished_at=timezone.now())
    low = beta.ppf(0.025, 30, 11) / (1 - beta.ppf(0.025, 30, 11)) * 1000 / 2000
    high = beta.ppf(0.975, 31, 10) / (1 - beta.ppf(0.975, 31, 10)) * 1000 / 2000
    page = client.get(URL).content.decode()
    assert f"1.50 (95% CI {low:.2f}–{high:.2f})" in page
    sex = page[page.index('id="fairness-sex"') :]
    assert 'class="dash-chart__reference"' in sex and 'class="dash-chart__interval"' in sex
    assert page.index('id="baseline-') < page.index('id="fairness-age-band"')
    male = next(r for r in rows_of(client.get(URL, {"format": "csv", "table": "fairness-sex"}))
                if r[0] == "Male")  # fmt: skip
    assert [float(x) for x in male[7:10]] == pytest.approx([1.5, low, high], abs=1e-6)


def test_each_csv_names_its_filters_dates_time_and_caveats(client, analyst, dataset, clock):
    filters = {"district": "Testshire North", "category": "theft", "start": "2024-03"}
    clock.at(2024, 8, 1, 9, 2)  # two minutes after the figures were counted (UTC)
    for key in TABLES:
        response = client.get(URL, {**filters, "format": "csv", "table": key})
        about, _ = table_of(response)
        assert about["Table"] and about["District"] == ["Testshire North"], key
        assert about["Offence category"] == ["Theft"], key
        # From the first day of the month chosen to the last day of the last month with cases.
        assert (about["Offences from"], about["Offences to"]) == (["2024-03-01"], ["2024-03-31"])
        # In local time: British Summer Time.
        assert about["Figures counted at"] == ["2024-08-01 10:00"], key
        assert about["File made at"] == ["2024-08-01 10:02"], key
        assert about["Caveat"], key
        name = f"crs-{key}-2024-03-01-to-2024-03-31-testshire-north-theft.csv"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_csvs_of_the_whole_period_run_from_the_first_month_with_cases(client, analyst, dataset):
    response = client.get(URL, {"format": "csv", "table": "summary"})
    about, _ = table_of(response)
    assert (about["Offences from"], about["Offences to"]) == (["2024-02-01"], ["2024-03-31"])
    assert about["District"] == ["All districts"]
    assert "crs-summary-2024-02-01-to-2024-03-31.csv" in response["Content-Disposition"]


def test_the_fairness_csvs_say_when_the_baseline_is_illustrative(client, analyst, dataset):
    about, _ = table_of(client.get(URL, {"format": "csv", "table": "fairness-sex"}))
    assert any(c.startswith("Illustrative population") for c in about["Caveat"])


def test_a_reason_that_looks_like_a_formula_is_quoted_in_the_csv(client, analyst, dataset):
    from crs.dashboard import export, tables

    table = tables.Table("t", "T", [tables.Column("Reason", "text")], [["=HYPERLINK(1)"]])
    assert export.table_of(export.as_csv(table, export.scope()))[1] == ["'=HYPERLINK(1)"]


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
    # Above the ratios, not below them.
    assert page.index('id="baseline-illustrative"') < page.index('id="table-fairness-age-band"')


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
