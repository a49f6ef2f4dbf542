"""Mounted at /notifications/ by crs.site.urls."""

from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("read/", views.mark_all_read, name="mark_all_read"),
]
