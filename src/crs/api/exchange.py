"""The data exchange endpoints, mounted by crs.api under /api/v1/exchange.

    POST /api/v1/exchange/import   a CSV extract (multipart field `file`, or a text/csv body)
    GET  /api/v1/exchange/export   closed CRs as Home Office outcome 8 records, CSV or JSON

The same importer and exporter as `crs import-outcomes` and `crs export-outcomes`.
Only administrators and Victim Justice analysts, with a token scoped
`exchange:write` (import) or `exchange:read` (export).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from typing import Literal

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from ninja import Query, Router, Schema

from crs.api.auth import TokenAuth
from crs.api.errors import ERROR_RESPONSES, ApiError, body
from crs.audit.access import log_access
from crs.exchange import permissions
from crs.exchange.export import csv_chunks, json_chunks, records
from crs.exchange.importer import import_outcomes

router = Router(tags=["data exchange"])

UPLOAD_FIELD = "file"

_CSV_BODY = {
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {UPLOAD_FIELD: {"type": "string", "format": "binary"}},
                "required": [UPLOAD_FIELD],
            }
        },
        "text/csv": {"schema": {"type": "string"}},
    },
    "required": True,
    "description": "The extract: UTF-8 CSV whose columns are described in docs/exchange.md.",
}


def _permit(refusal: str | None) -> None:
    if refusal:
        raise ApiError(403, "not_permitted", refusal)


class ExportFilters(Schema):
    since: date | None = None
    until: date | None = None
    format: Literal["csv", "json"] = "csv"


@router.post(
    "/import",
    auth=TokenAuth("exchange:write"),
    summary="Import previous outcomes from a CSV extract (all or nothing)",
    description="Every row is checked; if any is not valid nothing is imported and the "
    "answer is 422 with the report (each problem's line and column). The same file "
    "imported before is not imported again (200, `already_imported`). `dry_run=true` only "
    "checks.",
    openapi_extra={"requestBody": _CSV_BODY, "responses": {**ERROR_RESPONSES}},
)
def import_extract(request: HttpRequest, dry_run: bool = False):
    user = request.auth.user
    _permit(permissions.can_import(user))
    upload = request.FILES.get(UPLOAD_FIELD)
    content_type = (request.content_type or "").lower()
    if upload is not None:
        binary, name = upload.file, upload.name or "upload.csv"
        binary.seek(0)
    elif content_type == "text/csv":
        # Spooled from the request stream: request.body would refuse a large extract.
        binary, name = tempfile.TemporaryFile(), "upload.csv"  # noqa: SIM115 (closed below)
        shutil.copyfileobj(request, binary)
        binary.seek(0)
    else:
        raise ApiError(
            400,
            "bad_request",
            f"Send the extract as a multipart upload in the field {UPLOAD_FIELD!r}, "
            "or as a text/csv body.",
            UPLOAD_FIELD,
        )
    try:
        result = import_outcomes(binary, file_name=name, user=user, dry_run=dry_run)
    finally:
        binary.close()
    report = result.as_dict()
    if not result.report.valid:
        total = result.report.total
        message = (
            f"{total} problem{'s' if total != 1 else ''} in {result.report.rows} rows: "
            "nothing imported."
        )
        first = result.report.problems[0]
        return JsonResponse(
            {**body("invalid", f"{message} First: {first}", first.field or None), "report": report},
            status=422,
        )
    return JsonResponse(report, status=200)


@router.get(
    "/export",
    auth=TokenAuth("exchange:read"),
    summary="Closed Community Resolutions as Home Office outcome 8 records",
    description="Every case closed in the period (complied with or not), one record each, "
    "streamed as CSV (default) or a JSON array. `since` and `until` are closing dates, "
    "inclusive. The fields are described in docs/exchange.md.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The records",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                },
            },
            **ERROR_RESPONSES,
        }
    },
)
def export_records(request: HttpRequest, filters: Query[ExportFilters]):
    _permit(permissions.can_export(request.auth.user))
    if filters.since and filters.until and filters.since > filters.until:
        raise ApiError(422, "invalid", "until: must not be before since", "until")
    rows = records(filters.since, filters.until)
    log_access(request, "export")
    if filters.format == "json":
        response = StreamingHttpResponse(json_chunks(rows), content_type="application/json")
    else:
        response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
    name = f"outcome-8-{filters.since or 'start'}-to-{filters.until or 'now'}.{filters.format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
