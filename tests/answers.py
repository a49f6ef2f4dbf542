"""An adult shop theft, every question the assessment asks answered as an officer would.

Shared by the journeys that answer the questions a page at a time (the browser walk, the
assessment journey's tests and benchmarks/officer_journey.py), with the way a page's
inputs are filled from them. Each writes the offence date and previous outcomes
its own way, so they are the caller's: the date as its form reads one, and the previous
outcomes added explicitly by each test.
"""

from __future__ import annotations


def adult_shop_theft(offence_date) -> dict:
    """The answers, but for previous outcomes, with the offence on `offence_date`."""
    return {
        "offence.category": "theft",
        "offence.date": offence_date,
        "offence.indictable_only": "no",
        "offence.knife_or_weapon": "no",
        "offence.sexual": "no",
        "offence.traffic": "no",
        "offence.domestic_abuse": "none",
        "offence.coercive_control": "no",
        "offender.court_order": "no",
        "offender.bail_post_charge": "no",
        "offender.suspended_sentence": "no",
        "offender.wanted_on_warrant": "no",
        "offence.suitable_for_prosecution": "no",
        "offender.accepts_responsibility": "yes",
        "offender.lawful_defence_or_mitigation_raised": "no",
        "offender.understands_process": "yes",
        "offender.consents": "yes",
        "offender.vulnerable": "no",
        "offence.gravity.matrix": "adult",
        "offence.gravity.base_score": "1",
        "offence.gravity.final_score": "1",
        "offence.hate_crime": "no",
        "victim.kind": "person",
        "victim.consulted": "yes",
        "victim.consents": "yes",
        "victim.opportunity_to_express_views": "yes",
        "offender.pre_charge_bail": "no",
        "offender.released_under_investigation": "no",
    }


def day_month_year(name: str, day) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def as_form(field: str, answer) -> dict:
    """One question's answer as its inputs, named after its fact, read it."""
    name = f"{field}-answer"
    if isinstance(answer, dict):
        return {f"{field}-{key}": value for key, value in answer.items()}
    if hasattr(answer, "year"):
        return day_month_year(name, answer)
    return {name: answer}


def answers_on_page(page, answers: dict) -> tuple[list[str], dict]:
    """The facts a page of questions asks (a Playwright page), and its form filled with
    `answers`: a "Select all that apply" ticks the facts answered yes, or "None of these"."""
    inputs = page.locator("main form [name]").evaluate_all("els => els.map(e => [e.name, e.value])")
    asked, data = [], {}
    for name, value in inputs:
        if name.endswith("-checks"):
            ticked = data.setdefault(name, [])
            if value != "none" and value not in asked:
                asked.append(value)
                assert value in answers, f"asked {value}, which this walk does not answer"
                if answers[value] == "yes":
                    ticked.append(value)
        elif name.endswith(("-answer", "-answer-day")):
            field = name.split("-answer")[0]
            if field not in asked:
                assert field in answers, f"asked {field}, which this walk does not answer"
                asked.append(field)
                data.update(as_form(field, answers[field]))
    return asked, {key: value or ["none"] for key, value in data.items()}
