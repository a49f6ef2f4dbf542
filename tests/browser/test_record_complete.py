"""Nothing incomplete is signed, in Chromium (issue 13): pc_ali records a case and follows
it to its end; the case page's checklist shows what the 1912 still lacks and sending it
for review is refused until it is done; sgt_brown returns it with reasons; pc_ali reads
them on the case page and on the home page, puts it right and sends it again; sgt_brown
approves and signs. Every page is checked by axe, and the refusals; the case page with
its checklist, sending for review, the review, the records and the actions also on a
390 px phone."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse

from crs.cases.models import Case

from .helpers import PHONE, axe_check, fill, press, sign_in
from .test_walk import (  # noqa: F401 (person: the fixture)
    REFERENCE,
    TODAY,
    day_month_year,
    go,
    person,
    start_and_assess,
    state,
)


def checklist(page) -> dict[str, str]:
    """{line: status} of the checklist on the page, as a person reads it."""
    found = {}
    for item in page.locator("#checklist .govuk-task-list__item").all():
        name = item.locator(".govuk-task-list__name-and-hint > :first-child").inner_text()
        found[name.strip()] = item.locator(".govuk-task-list__status").inner_text().strip()
    return found


def fits_a_phone(page) -> None:
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{page.url} is {scroll} px wide on a 390 px phone"


def agreed_and_concluded(ali, pk: int) -> None:
    """Authority aside (the walk in test_walk.py), the case as an officer leaves it when the
    actions are done and the victim told: the 1912's other records not yet written."""
    go(ali, "journeys:actions", pk)
    fill(ali, {"kind": "verbal_apology", "description": "Apologise to the shop."})
    press(ali, "Add the action")
    fill(ali, {"kind": "financial_compensation", "description": "Pay 9 pounds."})
    fill(ali, day_month_year("due_date", TODAY + timedelta(days=30)))
    press(ali, "Add the action")
    # A mistyped action is corrected before the agreement.
    ali.get_by_role("link", name=re.compile(r"^Change\W+the action: Pay")).click()
    axe_check(ali)
    fill(ali, {"description": "Pay 9 pounds to the shop."})
    press(ali, "Save the change")
    assert "Pay 9 pounds to the shop." in ali.locator("main table").inner_text()
    press(ali, "Agree the resolution with the offender")
    fill(
        ali,
        {
            "acceptance": "I took it.",
            "consent": "Agrees to apologise and pay.",
            "offender_signature": "Sam Smith",
        },
    )
    press(ali, re.compile("^Agree"))
    go(ali, "journeys:contacts", pk)
    fill(
        ali,
        {"party": "victim", "purpose": "after_delivery", "method": "phone", "outcome": "spoke"},
    )
    press(ali, "Log the contact")
    go(ali, "journeys:actions", pk)
    press(ali, re.compile(r"^Mark as done\W*Apologise"))  # and the payment is monitored
    press(ali, re.compile(r"^Mark as done\W*Pay"))  # the last: the case is completed
    go(ali, "journeys:contacts", pk)
    fill(
        ali, {"party": "victim", "purpose": "on_conclusion", "method": "phone", "outcome": "spoke"}
    )
    press(ali, "Log the contact")
    assert state() == "completed"


def test_an_incomplete_1912_is_refused_review_then_returned_put_right_and_approved(
    person,  # noqa: F811 (test_walk's fixture)
    open_page,
):
    ali = person("pc_ali")
    pk = start_and_assess(ali)
    press(ali, "Ask for authorisation")
    brown = person("sgt_brown")
    go(brown, "journeys:authorise", pk)
    fill(brown, {"decision": "authorise", "rationale": "Low value; the notice was 22 months ago."})
    press(brown, "Record my decision")
    agreed_and_concluded(ali, pk)

    # The checklist says what the 1912 still lacks, each line a link to its page.
    go(ali, "case_detail", pk)
    lines = checklist(ali)
    assert lines["How the gravity score was arrived at"] == "Not done"
    assert lines["The victim's views"] == "Not done"
    assert lines["The victim's signature"] == "Not done"
    assert lines["Contact with the victim after the delivery"] == "Done"
    assert lines["Contact with a parent or guardian"] == "Not needed"

    # Sending it for review is refused, naming what is missing.
    go(ali, "journeys:submit_review", pk)
    press(ali, "Send for review")
    axe_check(ali)
    summary = ali.locator(".govuk-error-summary").inner_text()
    assert "The record is not complete" in summary
    assert "how the gravity score was arrived at" in summary
    assert state() == "completed"

    # The officer follows the checklist's links and completes the record.
    go(ali, "case_detail", pk)
    ali.locator("#checklist").get_by_role(
        "link", name="How the gravity score was arrived at"
    ).click()
    axe_check(ali)
    assert ali.url.endswith("#id_gravity_rationale")
    fill(
        ali,
        {
            "gravity_rationale": "Adult matrix, score 1: nothing raises it.",
            "previous_compliance": "Paid the penalty notice on time.",
            "told": ["dbs_disclosure_explained", "offender_told_named_on_crime_report"],
        },
    )
    press(ali, "Save")
    ali.locator("#checklist").get_by_role("link", name="The victim's views", exact=True).click()
    axe_check(ali)
    fill(
        ali,
        {
            "method": "phone",
            "views": "Wants an apology and the money back.",
            "consents": "yes",
            "told": ["told_voluntary", "told_no_alternative_sanction"],
        },
    )
    press(ali, "Record the victim's views")
    for party, name in (("victim", "Morgan Lee"), ("officer", "Amir Ali")):
        go(ali, "journeys:signatures", pk)
        fill(ali, {"party": party, "name": name})
        press(ali, "Record the signature")
    go(ali, "case_detail", pk)
    assert "Not done" not in {
        status for line, status in checklist(ali).items() if "supervisor" not in line
    }
    go(ali, "journeys:submit_review", pk)
    press(ali, "Send for review")
    assert state() == "supervisor_review"

    # The sergeant reads the record and its checklist, and returns it with reasons.
    go(brown, "journeys:review", pk)
    assert "Wants an apology and the money back." in brown.locator("#review-record").inner_text()
    press(brown, "Return to the officer")
    axe_check(brown)
    assert (
        "Enter what the officer must put right"
        in brown.locator(".govuk-error-summary").inner_text()
    )
    fill(brown, {"note": "Say what the victim would like the offender to do."})
    press(brown, "Return to the officer")
    assert state() == "completed"

    # The officer sees the return first on the home page, and the reasons on the case.
    go(ali, "home")
    returned = ali.locator("#returned-cases")
    assert REFERENCE in returned.inner_text()
    returned.get_by_role("link", name=REFERENCE).click()
    axe_check(ali)
    assert (
        "Say what the victim would like the offender to do."
        in ali.locator("#returned").inner_text()
    )
    go(ali, "journeys:victim", pk)
    fill(
        ali,
        {
            "method": "phone",
            "views": "Would like a written apology too.",
            "wishes": "A written apology.",
            "consents": "yes",
            "told": ["told_voluntary", "told_no_alternative_sanction"],
        },
    )
    press(ali, "Record the victim's views")
    # The case page with its checklist, and sending it again, on a 390 px phone.
    ali_phone = open_page(PHONE)
    sign_in(ali_phone, "pc_ali")
    for url in (reverse("case_detail", args=[pk]), reverse("journeys:submit_review", args=[pk])):
        ali_phone.goto(url)
        axe_check(ali_phone)
        fits_a_phone(ali_phone)
    assert "Everything the record needs is done." in ali_phone.locator("main").inner_text()
    fill(ali_phone, {"note": "The victim's wishes are recorded."})
    press(ali_phone, "Send for review")
    assert state() == "supervisor_review"

    # The sergeant reads it again on a phone, then approves and signs.
    brown_phone = open_page(PHONE)
    sign_in(brown_phone, "sgt_brown")
    brown_phone.goto(reverse("journeys:review", args=[pk]))
    axe_check(brown_phone)
    fits_a_phone(brown_phone)
    go(brown, "journeys:review", pk)
    fill(brown, {"note": "The 1912 is complete and the victim's wishes are met."})
    press(brown, "Approve and sign")
    case = Case.objects.get(crime_reference=REFERENCE)
    assert case.state == "imu_qa"
    assert case.returned_at is None
    assert case.signatures.filter(party="supervisor").exists()

    # The case page, the records page and the actions page fit a 390 px phone.
    phone = open_page(PHONE)
    sign_in(phone, "pc_ali")
    pages = ("case_detail", "journeys:records", "journeys:actions")
    for url in (reverse(name, args=[pk]) for name in pages):
        phone.goto(url)
        axe_check(phone)
        fits_a_phone(phone)
