"""URLs of the case journeys (included by crs.web.urls)."""

urlpatterns: list = []
