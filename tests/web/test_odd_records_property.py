"""Nothing the app lets in can break it (issue 11, item 6): cases in every state of the
workflow, with partial facts and free text of any kind the record accepts (every Unicode
general category but the lone surrogates and NUL the input refuses, and text up to
10,000 characters), are shown by every page to every role without a server error: the
dashboard after a refresh, each role's work lists, search, the case page and the PDFs."""

from __future__ import annotations

import itertools
from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from crs.accounts.models import Rank, Role, User
from crs.cases import services as s
from crs.cases.models import Case, Person
from crs.cases.workflow import State
from crs.dashboard import summary
from crs.web.pages.worklists import work_lists

from ..cases import facts as f
from ..cases import walk
from ..dashboard.test_odd_records import every_dashboard_page
from .long_text import long_text

pytestmark = pytest.mark.django_db

# Any character the record accepts: not a lone surrogate (Cs) nor NUL (refused at input).
CHARACTER = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TEXT = st.one_of(
    st.text(CHARACTER, max_size=60),
    st.text(CHARACTER, min_size=200, max_size=600),
    st.builds(long_text, st.sampled_from(["LONG", "Ωμέγα", "\u202edir"])),  # 10,000
    st.sampled_from(["", " ", "\t\n", "=1+1", "<b>x</b>", "😀" * 3000, "e\u0301" * 2000]),
)
REQUIRED_TEXT = TEXT.filter(lambda t: t.strip())
# The states a case can be in, each with how far along the road it is.
ROAD = [
    State.DRAFT,
    State.ASSESSED,
    State.AWAITING_AUTHORISATION,
    State.AUTHORISED,
    State.AGREED,
    State.ACTIONS_IN_PROGRESS,
    State.COMPLETED,
    State.SUPERVISOR_REVIEW,
    State.IMU_QA,
    State.CLOSED,
]
ENDINGS = [State.REFUSED, State.WITHDRAWN, State.NON_COMPLIANT]
PDFS_PER_RUN = 4  # each PDF takes seconds: open them for the first few cases only
DOCUMENTS = ("form_1912", "acceptance_form")


def partial_facts(draw, text) -> dict:
    """A draft's facts: none, some groups, a blank or missing category, odd text."""
    document = f.facts(offence={"description": text})
    choice = draw(st.sampled_from(["none", "no category", "blank category", "some", "whole"]))
    if choice == "none":
        return {}
    if choice == "no category":
        del document["offence"]["category"]
    elif choice == "blank category":
        document["offence"]["category"] = ""
    elif choice == "some":
        keep = draw(st.sets(st.sampled_from(sorted(document)), max_size=3))
        return {k: v for k, v in document.items() if k in keep}
    return document


@st.composite
def cases(draw):
    """What to build: the state, the facts, and the free text of each record."""
    state = draw(st.sampled_from([*ROAD, *ENDINGS]))
    text = {name: draw(TEXT) for name in ("person", "address", "contact")}
    required = ("description", "why", "statement", "views", "action")
    text.update({name: draw(REQUIRED_TEXT) for name in required})
    if state == State.DRAFT:
        facts = partial_facts(draw, text["description"])
    else:
        # Eligible at a constable's level or a sergeant's (a previous outcome), so every
        # state after it can be reached; the category does not change that for an adult.
        facts = f.facts(offence={"description": text["description"], "category": "theft"})
        if state in (State.AWAITING_AUTHORISATION, State.AUTHORISED, State.REFUSED):
            # Theft: a category with rules of its own (drugs, weapons, R31) would not ask
            # for a Sergeant's authority, and this state needs one.
            facts = f.facts(
                offence={"description": text["description"], "category": "theft"},
                offender=f.needs_sergeant()["offender"],
            )
    return {"state": state, "facts": facts, "text": text}


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def build(plan, ref, people) -> Case:
    """The case of `plan`, driven through the services to its state."""
    owner, sergeant = people["pc_ali"], people["sgt_brown"]
    state, text = plan["state"], plan["text"]
    facts, born = f.split(plan["facts"])  # the date of birth is the offender's (0011)
    kept = None
    if (facts.get("offence") or {}).get("category") == "":
        # The services refuse a blank category; a record kept from before they did holds one.
        kept, offence = facts, dict(facts["offence"])
        del offence["category"]
        facts = {**facts, "offence": offence}
    case = s.open_case(owner, crime_reference=ref, facts=facts, gravity_rationale=text["why"])
    if kept is not None:
        Case.objects.filter(pk=case.pk).update(facts=kept)
    # A name as long as its column holds (PostgreSQL refuses more; the forms say so).
    name = text["person"][: Person._meta.get_field("given_name").max_length]
    s.add_person(case, owner, role="offender", given_name=name, family_name="B",
                 address=text["address"],
                 date_of_birth=date.fromisoformat(born) if born else None)  # fmt: skip
    if state == State.DRAFT:
        return fresh(case)
    s.assess(fresh(case), owner)
    case = fresh(case)
    s.add_statement(case, owner, kind="rationale", text=text["statement"])
    if state == State.WITHDRAWN:
        return s.withdraw(fresh(case), owner, reason=text["why"])
    if state in (State.AWAITING_AUTHORISATION, State.AUTHORISED, State.REFUSED):
        case = s.request_authorisation(fresh(case), owner)
        if state == State.AWAITING_AUTHORISATION:
            return case
        if state == State.REFUSED:
            return s.refuse_authorisation(case, sergeant, rationale=text["why"])
        return s.authorise(case, sergeant, rationale=text["why"])
    s.record_victim_view(fresh(case), owner, asked_at=timezone.now(), method="phone",
                         views=text["views"], consents=True)  # fmt: skip
    s.add_action(fresh(case), owner, kind="verbal_apology", description=text["action"])
    s.add_action(fresh(case), owner, kind="financial_compensation", description=text["action"],
                 due_date=walk.DUE)  # fmt: skip
    if state == State.ASSESSED:
        return fresh(case)
    case = s.agree(fresh(case), owner)
    s.log_contact(case, owner, party="victim", purpose="after_delivery", method="phone",
                  outcome="spoke", notes=text["contact"])  # fmt: skip
    if state == State.AGREED:
        return fresh(case)
    # The apology marked done starts the monitoring of the compensation.
    s.complete_action(fresh(case), owner, case.actions.get(kind="verbal_apology"))
    case = fresh(case)
    if state == State.ACTIONS_IN_PROGRESS:
        return case
    if state == State.NON_COMPLIANT:
        return s.record_non_compliance(case, owner, reason=text["why"])
    s.complete_action(case, owner, case.actions.get(kind="financial_compensation"))
    case = s.complete(fresh(case), owner)
    s.log_contact(case, owner, party="victim", purpose="on_conclusion", method="phone",
                  outcome="spoke")  # fmt: skip
    if state == State.COMPLETED:
        return fresh(case)
    case = s.submit_for_review(walk.record_in_full(case, owner), owner)
    if state == State.SUPERVISOR_REVIEW:
        return case
    case = s.approve_review(case, people["rev_evans"], note=text["why"])
    if state == State.IMU_QA:
        return case
    return s.imu_accept(case, people["imu_fisher"], note=text["why"])


def server_errors(client, people, urls) -> dict[str, int]:
    """{"who url": status} of every answer of 500 or more."""
    wrong = {}
    for who, user in people.items():
        client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            if status >= 500:
                wrong[f"{who} {url}"] = status
    return wrong


@pytest.fixture
def people(pc_ali, sgt_brown, insp_carr, acting_insp_carr, supt_dale, yjt_supervisor,
           ps_okafor, rev_evans, imu_fisher, outsider):  # fmt: skip
    everyone = dict(
        pc_ali=pc_ali, sgt_brown=sgt_brown, insp_carr=insp_carr,
        acting_insp_carr=acting_insp_carr, supt_dale=supt_dale, yjt_supervisor=yjt_supervisor,
        ps_okafor=ps_okafor, rev_evans=rev_evans, imu_fisher=imu_fisher, outsider=outsider,
    )  # fmt: skip
    for role in (Role.VICTIM_JUSTICE_ANALYST, Role.ADMINISTRATOR, Role.RJ_OFFICER):
        everyone[role.value] = User.objects.create(username=role.value, role=role,
                                                   rank=Rank.POLICE_STAFF)  # fmt: skip
    return everyone


def test_no_record_the_app_accepts_gives_a_server_error_on_any_page(people, settings):
    settings.CRS_PDF_SECONDS = 600  # a busy test machine is not a PDF that cannot be made
    client = Client(raise_request_exception=False)
    numbers = itertools.count(1)
    pdfs = itertools.count()
    analyst = people[Role.VICTIM_JUSTICE_ANALYST.value]
    built = []

    @examples(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(cases(), TEXT, st.sampled_from(sorted(people)))
    def every_page(plan, query, who):
        case = build(plan, f"CR/{next(numbers):04d}/24", people)
        assert case.state == plan["state"]
        built.append(case)
        summary.refresh()
        # The case page as everyone; search and the dashboard as one of them (all of them
        # see every dashboard page and work list at the end, over every case built).
        assert server_errors(client, people, [reverse("case_detail", args=[case.pk])]) == {}
        search = reverse("case_list") + "?" + urlencode({"q": query[:200]})
        assert server_errors(client, {who: people[who]}, [search, "/dashboard/"]) == {}
        if next(pdfs) < PDFS_PER_RUN:  # as its officer: the document is the same to all
            documents = [reverse(f"journeys:{name}", args=[case.pk]) for name in DOCUMENTS]
            assert server_errors(client, {"owner": people["pc_ali"]}, documents) == {}

    every_page()
    # Then every page over all of them: the dashboard's, each role's work lists, home.
    client.force_login(analyst)
    assert all(client.get("/dashboard/", q).status_code == 200 for q in every_dashboard_page())
    for who, user in people.items():
        lists = [reverse("case_list") + f"?list={wl.key}" for wl in work_lists(user)]
        pages = ["/", reverse("case_list"), *lists]
        assert server_errors(client, {who: user}, pages) == {}
    assert len({c.state for c in built}) > 1
