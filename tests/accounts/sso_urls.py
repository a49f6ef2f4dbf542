"""The site's URLs with single sign-on switched on (it is, in settings, only by environment)."""

from django.urls import include, path

from crs.site.urls import handler500
from crs.site.urls import urlpatterns as site

urlpatterns = [*site, path("oidc/", include("mozilla_django_oidc.urls"))]
__all__ = ["handler500", "urlpatterns"]
