"""URLs of a case's journeys and its printed documents, one namespace (`journeys:<name>`).

The documents print what the journeys record (they read the journeys' signatures), so the
journeys' own URLs cannot name them: both are joined here, above both.
"""

from django.urls import path

from crs.web.documents import views as documents
from crs.web.journeys import urls as journeys

app_name = "journeys"

urlpatterns = [
    *journeys.urlpatterns,
    path("cases/<int:pk>/form-1912.pdf", documents.form_1912, name="form_1912"),
    path("cases/<int:pk>/acceptance-form.pdf", documents.acceptance_form, name="acceptance_form"),
]
