"""URLs of the site's pages (included by crs.site.urls). The names are not namespaced:
`home`, `sign_in`, `sign_out`, `case_list`, `case_detail` (the case's pk)."""

from django.urls import path

from . import access_report, auth, cases, home

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", auth.sign_in, name="sign_in"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("access-report/", access_report.access_report, name="access_report"),
]
