"""The scrutiny panel's pages, under /scrutiny/ (namespace `scrutiny`)."""

from django.urls import path

from . import views

app_name = "scrutiny"
urlpatterns = [
    path("", views.sample_list, name="sample_list"),
    path("draw/", views.draw, name="draw"),
    path("<int:pk>/", views.sample_detail, name="sample"),
    path("<int:pk>/cases/<int:position>/", views.case_finding, name="case"),
    path("<int:pk>/cases/<int:position>/review/", views.review_text, name="review"),
    path("<int:pk>/findings/", views.findings, name="findings"),
    path("<int:pk>/findings.csv", views.findings_csv, name="findings_csv"),
    path("<int:pk>/pack.pdf", views.pack, name="pack"),
]
