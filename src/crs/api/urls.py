from django.urls import path

from . import docs, views
from .api import api

urlpatterns = [
    path("api/v1/docs/assets/<str:name>", docs.asset, name="api_docs_asset"),
    path("api/v1/", api.urls),
    path("api-tokens/", views.tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
