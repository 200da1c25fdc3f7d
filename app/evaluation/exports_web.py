"""The exports page: filters, one download button per export and format, and the audit log."""
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import col, select

from app.auth.service import ensure_role
from app.deps import SessionDep, WebUser
from app.errors import InvalidInput
from app.evaluation import audit, exports
from app.evaluation.audit import ExportFormat, ExportKind
from app.evaluation.exports_api import Filters, Format, download_response
from app.forums.models import Forum
from app.i18n.translate import N_
from app.reference import service as reference
from app.reference.service import Choice
from app.web.templating import render

router = APIRouter()
DESCRIPTIONS = {  # English (N_), translated where shown
    ExportKind.outcomes: (N_("Match outcomes"),
                          N_("One row per meeting: both parties, match score, feedback and latest follow-up.")),
    ExportKind.smes: (N_("SME profiles"), N_("One row per company profile, published or not, with contacts.")),
    ExportKind.requests: (N_("Investment requests"), N_("One row per request, with its investor and targets.")),
}


def _page(request: Request, session, *, filters: dict, errors: dict, status_code: int = 200) -> Response:
    forums = [Choice(str(i), title) for i, title in session.exec(
        select(Forum.id, Forum.title).order_by(col(Forum.starts_on).desc()))]
    return render(request, "evaluation/exports.html", {
        "forums": forums, "countries": reference.countries(session=session),
        "sectors": reference.sectors(session=session), "filters": filters, "errors": errors,
        "kinds": DESCRIPTIONS, "formats": list(ExportFormat), "log": audit.recent(session=session)},
        status_code=status_code)


@router.get("/evaluation/exports")
def exports_page(request: Request, session: SessionDep, user: WebUser):
    ensure_role(user, *exports.EXPORTERS)
    return _page(request, session, filters={}, errors={})


@router.get("/evaluation/exports/{export}")
def download(request: Request, export: ExportKind, session: SessionDep, user: WebUser, filters: Filters,
             fmt: Format = ExportFormat.csv):
    """The file itself; filters that match nothing by mistake bring the page back with the errors inline."""
    try:
        return download_response(exports.start(session=session, actor=user, export=export, fmt=fmt, filters=filters))
    except InvalidInput as error:
        shown = {name: str(value) for name, value in filters.model_dump(mode="json", exclude_none=True).items()}
        return _page(request, session, filters=shown, errors=error.errors, status_code=422)
