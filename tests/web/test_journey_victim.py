"""The victim's views as an auditable record in the browser: who asked, when, how, and
what they said (4.3.2-4.3.4, 4.6.1)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from ..cases import walk


def victim_url(case):
    return reverse("journeys:victim", args=[case.pk])


def record(client, case, **extra):
    data = {
        "method": "in_person",
        "views": "Wants an apology and the charger paid for.",
        "consents": "yes",
        "version": case.version,
        **extra,
    }
    return client.post(victim_url(case), data)


def test_the_victims_views_are_recorded_with_who_asked_when_and_how(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    response = record(
        client,
        case,
        wishes="An apology.",
        told=["told_voluntary", "told_no_alternative_sanction"],
        **{"on-day": "1", "on-month": "3", "on-year": "2024", "at": "09:15"},
    )
    assert response.status_code == 302
    view = case.victim_views.get()
    local = timezone.localtime(view.asked_at)
    assert (view.asked_by, view.method, view.consents, view.wishes) == (
        pc_ali,
        "in_person",
        True,
        "An apology.",
    )
    assert (view.told_voluntary, view.told_no_alternative_sanction, view.questions_answered) == (
        True,
        True,
        False,
    )
    assert (local.day, local.month, local.hour, local.minute) == (1, 3, 9, 15)


def test_a_victim_who_has_not_decided_is_recorded_as_undecided(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    record(client, case, consents="undecided")
    assert case.victim_views.get().consents is None


def test_what_the_victim_said_is_required(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    page = record(client, case, views="").content.decode()
    assert '<a href="#id_views">Enter what the victim said</a>' in page
    assert not case.victim_views.exists()


def test_each_conversation_is_kept_and_listed(client, pc_ali):
    case = walk.assessed(pc_ali)
    client.force_login(pc_ali)
    record(client, case, views="First: unsure.", consents="undecided")
    record(client, case, views="Second: <b>agrees</b>.", version=walk.fresh(case).version)
    page = client.get(victim_url(case)).content.decode()
    assert "First: unsure." in page
    assert "Second: &lt;b&gt;agrees&lt;/b&gt;." in page
    assert case.victim_views.count() == 2


def test_an_officer_of_another_team_cannot_record_views(client, pc_ali, outsider):
    case = walk.assessed(pc_ali)
    client.force_login(outsider)
    assert record(client, case).status_code == 404
