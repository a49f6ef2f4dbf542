"""The NinjaAPI instance: /api/v1. Other apps' routers are mounted here."""

from ninja import NinjaAPI

from . import errors

api = NinjaAPI(
    title="crs",
    version="1",
    urls_namespace="api",
    description="Community Resolutions under SOP O32g: assess facts, and work cases with the "
    "same permissions and workflow guards as the web app. See docs/api.md.",
)
errors.install(api)
api.add_router("/exchange", "crs.exchange.api.router")
