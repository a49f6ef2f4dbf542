"""URLs of the case journeys (included by crs.web.urls): names are `journeys:<name>`."""

from django.urls import path

from . import assessment, authorisation

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
    path(
        "cases/<int:pk>/authorisation/request/",
        assessment.request_authorisation,
        name="request_authorisation",
    ),
    path("cases/<int:pk>/authorisation/", authorisation.authorise, name="authorise"),
]
