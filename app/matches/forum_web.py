"""The organizer's suggested meetings for a forum, and the form that tunes the forum's weights."""
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.config import get_settings
from app.deps import SessionDep, WebUser
from app.forums.service import get_forum
from app.matches import forum as service
from app.pagination import page_links
from app.web.flash import flash
from app.web.forms import form_dict, submit
from app.web.templating import render

router = APIRouter()
PER_PAGE = 25


def _page(request: Request, *, session, user, forum_id: int, page: int, min_score: float, form: dict | None = None,
          errors: dict | None = None, status_code: int = 200) -> Response:
    pairs, total = service.suggested_pairs(session=session, actor=user, forum_id=forum_id, limit=PER_PAGE,
                                           offset=(page - 1) * PER_PAGE, min_score=min_score)
    weights = service.get_weights(session=session, actor=user, forum_id=forum_id)
    return render(request, "matches/forum.html", {
        "card": get_forum(session=session, forum_id=forum_id), "pairs": pairs, "total": total,
        "first": (page - 1) * PER_PAGE, "min_score": min_score,
        "pages": page_links(request, page=page, per_page=PER_PAGE, total=total),
        "weights": form if form is not None else asdict(weights), "defaults": asdict(get_settings().weights),
        "errors": errors or {}, "can_tune": user.role in service.TUNERS,
    }, status_code=status_code, block="results")


@router.get("/forums/{forum_id}/matches")
def suggestions(request: Request, forum_id: int, user: WebUser, session: SessionDep,
                page: Annotated[int, Query(ge=1)] = 1, min_score: Annotated[float, Query(ge=0, le=100)] = 0):
    return _page(request, session=session, user=user, forum_id=forum_id, page=page, min_score=min_score)


@router.post("/forums/{forum_id}/match-weights")
async def tune(request: Request, forum_id: int, user: WebUser, session: SessionDep) -> Response:
    service.tunable_forum(session=session, actor=user, forum_id=forum_id)  # 403 before any "check your input"
    data = form_dict(await request.form())
    if data.pop("reset", None):
        service.set_weights(session=session, actor=user, forum_id=forum_id, data=None)
        flash(request, "Weights are back to the defaults; suggestions re-ranked.")
        return RedirectResponse(f"/forums/{forum_id}/matches", status_code=303)
    _, errors = submit(service.WeightsIn, data, lambda parsed: service.set_weights(
        session=session, actor=user, forum_id=forum_id, data=parsed))
    if errors:
        return _page(request, session=session, user=user, forum_id=forum_id, page=1, min_score=0, form=data,
                     errors=errors, status_code=422)
    flash(request, "Weights saved; suggestions re-ranked.")
    return RedirectResponse(f"/forums/{forum_id}/matches", status_code=303)
