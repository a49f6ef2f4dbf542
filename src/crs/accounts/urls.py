from django.urls import path

from . import views

urlpatterns = [
    path("two-factor/", views.verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.set_up, name="two_factor_set_up"),
]
