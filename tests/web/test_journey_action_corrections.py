"""On the actions page, before the agreement: change an action or remove it (issue 13
item 4); after it, neither is offered."""

from __future__ import annotations

from django.urls import reverse

from ..cases import walk


def action_url(name, case, action):
    return reverse(f"journeys:{name}", args=[case.pk, action.pk])


def test_the_officer_changes_an_action_before_agreement(client, pc_ali):
    case = walk.planned(pc_ali)
    pay = case.actions.get(kind="financial_compensation")
    client.force_login(pc_ali)
    form = client.get(action_url("change_action", case, pay)).content.decode()
    assert "Pay 9 pounds.</textarea>" in form
    assert 'value="2024"' in form  # the due date as it is, 1 May 2024
    response = client.post(
        action_url("change_action", case, pay),
        {
            "version": case.version,
            "description": "Pay 12 pounds.",
            "due_date-day": "20",
            "due_date-month": "4",
            "due_date-year": "2024",
        },
    )
    assert response.status_code == 302
    pay.refresh_from_db()
    assert (pay.description, str(pay.due_date)) == ("Pay 12 pounds.", "2024-04-20")


def test_a_change_without_what_the_offender_will_do_is_refused(client, pc_ali):
    case = walk.planned(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    client.force_login(pc_ali)
    page = client.post(
        action_url("change_action", case, apology), {"version": case.version, "description": ""}
    ).content.decode()
    assert '<a href="#id_description">Enter what the offender will do.</a>' in page
    assert "due_date-day" not in page  # an instant action has no due date


def test_the_officer_removes_an_action_set_by_mistake(client, pc_ali):
    case = walk.planned(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    client.force_login(pc_ali)
    page = client.get(reverse("journeys:actions", args=[case.pk])).content.decode()
    assert action_url("remove_action", case, apology) in page
    response = client.post(action_url("remove_action", case, apology), {"version": case.version})
    assert response.status_code == 302
    assert list(walk.fresh(case).actions.values_list("kind", flat=True)) == [
        "financial_compensation"
    ]


def test_once_agreed_the_actions_page_offers_no_change_or_removal(client, pc_ali):
    case = walk.agreed(pc_ali)
    apology = case.actions.get(kind="verbal_apology")
    client.force_login(pc_ali)
    page = client.get(reverse("journeys:actions", args=[case.pk])).content.decode()
    assert action_url("remove_action", case, apology) not in page
    assert action_url("change_action", case, apology) not in page
    response = client.post(action_url("remove_action", case, apology), {"version": case.version})
    assert "only before the resolution is agreed" in response.content.decode()
    assert walk.fresh(case).actions.count() == 2
