"""The site's URLs: the pages (crs.web.pages), the journeys (crs.web.journeys), the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from crs.web.pages.auth import admin_sign_in

admin.site.login = admin_sign_in  # one sign-in door for the whole site

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("crs.web.pages.urls")),
    path("", include("crs.accounts.urls")),
    *([path("oidc/", include("mozilla_django_oidc.urls"))] if settings.CRS_OIDC_ENABLED else []),
    path("", include("crs.web.urls")),
    path("", include("crs.api.urls")),
    path("dashboard/", include("crs.dashboard.urls")),
    path("scrutiny/", include("crs.scrutiny.urls")),
    path("notifications/", include("crs.reminders.urls")),
]

# A database failure answers 503 with a page that needs no database (crs.ui.failures).
handler500 = "crs.ui.failures.server_error"
