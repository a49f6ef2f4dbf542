from django.urls import path, re_path

from . import docs, views
from .api import api

urlpatterns = [
    path("api/v1/docs/assets/<str:name>", docs.asset, name="api_docs_asset"),
    path("api/v1/", api.urls),
    # Under /api/v1, a path that is no endpoint is refused in the API's format, not a page.
    re_path(r"^api/v1/", views.api_not_found),
    path("api-tokens/", views.tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.revoke, name="api_token_revoke"),
]
