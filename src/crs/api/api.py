"""The NinjaAPI instance: /api/v1. Other apps' routers are mounted here."""

from ninja import NinjaAPI

from . import errors
from .docs import LocalSwagger
from .throttle import TokenThrottle


class CrsApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """ninja's document, with the contract's schemas and the error format as components
        (the assessment endpoint refers to them; ninja does not know them)."""
        from .contract import components

        schema = super().get_openapi_schema(*args, **kwargs)
        found = schema.setdefault("components", {}).setdefault("schemas", {})
        found.update(components())
        for model in (errors.ErrorOut,):
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            found.update(definition.pop("$defs", {}))
            found.setdefault(model.__name__, definition)
        # The policies the packs hold, as they are when the document is made.
        from .assessments import policies

        for parameter in schema["paths"]["/api/v1/assessments"]["post"].get("parameters", []):
            if parameter["name"] == "policy":
                parameter["schema"] = {"enum": policies(), "type": "string"}
        # Every operation may be refused in the one format: say so where ninja did not.
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, what in errors.REFUSAL_TEXT.items():
                    if str(status) not in responses and status not in responses:
                        responses[status] = {
                            "description": what,
                            "content": {"application/json": {"schema": ERROR_REF}},
                        }
        return schema


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


api = CrsApi(
    title="crs",
    version="1",
    urls_namespace="api",
    docs=LocalSwagger(),
    throttle=[TokenThrottle()],
    description="Community Resolutions under SOP O32g: assess facts, and work cases with the "
    "same permissions and workflow guards as the web app. Authenticate with a personal API "
    "token: `Authorization: Bearer <token>`. Every refusal has one shape: "
    '`{"error": {"code", "message", "field"}}`. See docs/api.md.',
)
errors.install(api)
api.add_router("", "crs.api.assessments.router")
api.add_router("", "crs.api.cases.router")
api.add_router("", "crs.api.records.router")
api.add_router("/exchange", "crs.exchange.api.router")
