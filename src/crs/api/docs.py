"""The API's documentation page, /api/v1/docs: ninja's Swagger UI, served from the
installed package rather than a CDN.

ninja renders its own template (with the Swagger files it ships) only when
"ninja" is an installed app, and otherwise loads Swagger UI from a CDN; crs's
settings do not install it, and a police network may not reach a CDN. So the
page is our template, and the few files it needs are read from ninja's package
by `asset` (a fixed list: no path is taken from the request).
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from ninja.openapi.docs import DocsBase

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png")


class LocalSwagger(DocsBase):
    def render_page(self, request, api, **kwargs):
        settings = {
            "layout": "BaseLayout",
            "deepLinking": True,
            "url": self.get_openapi_url(api, kwargs),
        }
        context = {"swagger_settings": json.dumps(settings), "api": api}
        return render(request, "api/swagger.html", context)


@require_GET
@cache_control(max_age=86400, public=True)
def asset(request, name: str):
    if name not in ASSETS:
        raise Http404("No such file.")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse((ASSETS_DIR / name).open("rb"), content_type=kind)
