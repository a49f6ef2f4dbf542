"""URLs of the case journeys (crs.web.urls adds the documents'): names are `journeys:<name>`."""

from django.urls import path

from . import (
    agreement,
    assessment,
    authorisation,
    contacts,
    deliver,
    identities,
    people,
    records,
    review,
    signatures,
    victim,
)

app_name = "journeys"

urlpatterns = [
    # The guided assessment
    path("cases/new/", assessment.start, name="open_case"),
    path("cases/<int:pk>/assessment/", assessment.next_step, name="assessment"),
    path("cases/<int:pk>/assessment/q/<str:field>/", assessment.question, name="question"),
    path("cases/<int:pk>/assessment/panel/", assessment.decision_panel, name="panel"),
    path("cases/<int:pk>/assessment/check/", assessment.check_answers, name="check_answers"),
    path(
        "cases/<int:pk>/assessment/result/",
        assessment.assessment_result,
        name="assessment_result",
    ),
    # Authority
    path(
        "cases/<int:pk>/authorisation/request/",
        assessment.request_authorisation,
        name="request_authorisation",
    ),
    path("cases/<int:pk>/authorisation/", authorisation.authorise, name="authorise"),
    # The agreement and its Community Remedy actions
    path("cases/<int:pk>/actions/", agreement.actions, name="actions"),
    path("cases/<int:pk>/actions/<int:action>/done/", agreement.action_done, name="action_done"),
    path(
        "cases/<int:pk>/actions/<int:action>/not-done/",
        agreement.action_failed,
        name="action_failed",
    ),
    path(
        "cases/<int:pk>/actions/<int:action>/change/",
        agreement.change_action,
        name="change_action",
    ),
    path(
        "cases/<int:pk>/actions/<int:action>/remove/",
        agreement.remove_action,
        name="remove_action",
    ),
    path("cases/<int:pk>/agree/", agreement.agree, name="agree"),
    path("cases/<int:pk>/deliver/", deliver.deliver, name="deliver"),
    path("cases/<int:pk>/actions/start/", agreement.start_actions, name="start_actions"),
    path("cases/<int:pk>/actions/complete/", agreement.complete, name="complete"),
    path("cases/<int:pk>/non-compliance/", agreement.non_compliance, name="non_compliance"),
    # Contacts and the victim's views
    path("cases/<int:pk>/contacts/", contacts.contacts, name="contacts"),
    path("cases/<int:pk>/victim/", victim.victim, name="victim"),
    # The people of the case
    path("cases/<int:pk>/people/", people.people, name="people"),
    path("cases/<int:pk>/people/add/<slug:role>/", people.add_person, name="add_person"),
    path("cases/<int:pk>/people/<int:person>/", people.change_person, name="change_person"),
    # A Victim Justice analyst's reason to see who they are (crs.cases.identities)
    path("cases/<int:pk>/identities/", identities.open_identities, name="identities"),
    # The records of the 1912 in the officer's words (3.1.1, the assessment's statements)
    path("cases/<int:pk>/records/", records.records, name="records"),
    # Signatures on the 1912 (4.5.1)
    path("cases/<int:pk>/signatures/", signatures.signatures, name="signatures"),
    # Restorative justice, review, quality assurance, withdrawal
    path("cases/<int:pk>/restorative/", review.restorative, name="restorative"),
    path("cases/<int:pk>/review/submit/", review.submit, name="submit_review"),
    path("cases/<int:pk>/review/", review.supervisor_review, name="review"),
    path("cases/<int:pk>/quality/", review.quality, name="quality"),
    path("cases/<int:pk>/withdraw/", review.withdraw, name="withdraw"),
]
