"""The site's URLs. The case pages come later (issue 4); for now a home page and the admin."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("crs.web.pages.urls")),
    path("", include("crs.web.journeys.urls")),
]
