"""Exports in the JSON API: `GET /api/v1/exports/{outcomes|smes|requests}?format=csv|xlsx|json&...`."""
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from app.deps import OptionalApiUser, SessionDep
from app.evaluation import exports
from app.evaluation.audit import ExportFormat, ExportKind
from app.evaluation.exports import ExportFilters

router = APIRouter(tags=["exports"])
Format = Annotated[ExportFormat, Query(alias="format", description="csv, xlsx or json")]
Filters = Annotated[ExportFilters, Query()]


def download_response(download: exports.Download) -> StreamingResponse:
    return StreamingResponse(download.chunks, media_type=download.media_type,
                             headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})


@router.get("/exports/{export}", response_class=StreamingResponse,
            responses={200: {"content": {exports.MEDIA_TYPES[f]: {} for f in ExportFormat}}})
def export_file(export: ExportKind, user: OptionalApiUser, session: SessionDep, filters: Filters,
                fmt: Format = ExportFormat.csv):
    """One row per meeting (`outcomes`), SME profile (`smes`) or investment request (`requests`), streamed
    as a file; organizers, evaluators and admins only. Columns and filters: docs/exports.md."""
    return download_response(exports.start(session=session, actor=user, export=export, fmt=fmt, filters=filters))
