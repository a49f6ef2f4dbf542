"""URLs of the site's pages (included by crs.web.urls)."""

urlpatterns: list = []
