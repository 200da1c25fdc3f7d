"""The forum's M&E survey page: companies rate their constraints, investors add recommendations."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import select

from app.auth.models import Role
from app.deps import SessionDep, WebUser
from app.evaluation import surveys
from app.evaluation.models import RecommendationTopic
from app.evaluation.schemas import ConstraintsIn, RecommendationIn
from app.forums.registration import forum_or_404
from app.i18n.translate import N_
from app.reference import service as reference
from app.reference.models import ConstraintCategory
from app.web.flash import flash
from app.web.forms import form_dict, submit
from app.web.templating import render

router = APIRouter()
TOPICS = {RecommendationTopic.incentives: N_("Investment incentives"), RecommendationTopic.land: N_("Land"),
          RecommendationTopic.labour: N_("Labour"), RecommendationTopic.infrastructure: N_("Infrastructure"),
          RecommendationTopic.legal_certainty: N_("Legal certainty"), RecommendationTopic.other: N_("Other")}


def _page(request: Request, session, user, forum_id: int, *, errors: dict | None = None, form: dict | None = None,
          status_code: int = 200) -> Response:
    forum = forum_or_404(session, forum_id)
    role = Role.sme if user.role == Role.sme else Role.investor
    reg = surveys.respondent(session=session, actor=user, forum_id=forum_id, registration_id=None, role=role)
    context = {"forum": forum, "reg": reg, "errors": errors or {}, "form": form or {}, "topics": TOPICS,
               "corridors": reference.corridors(session=session)}
    if role == Role.sme:
        context["categories"] = session.exec(select(ConstraintCategory).order_by(ConstraintCategory.name_en)).all()
        context["answers"] = {c.category_code: c for c in surveys.own_constraints(session=session, registration=reg)}
        context["crossings"] = reference.crossings(session=session)
    else:
        context["recommendations"] = surveys.own_recommendations(session=session, registration=reg)
        context["countries"] = reference.countries(session=session)
        context["zones"] = reference.zones(session=session)
        context["sectors"] = reference.sectors(session=session)
    return render(request, "evaluation/survey.html", context, status_code=status_code)


@router.get("/forums/{forum_id}/survey")
def survey_page(request: Request, forum_id: int, session: SessionDep, user: WebUser):
    return _page(request, session, user, forum_id)


@router.post("/forums/{forum_id}/survey/constraints")
async def constraints(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    form = await request.form()
    items = [{"category_code": code[len("severity-"):], "severity": value,
              "corridor_code": form.get(f"corridor-{code[len('severity-'):]}") or None,
              "crossing_code": form.get(f"crossing-{code[len('severity-'):]}") or None,
              "comment": form.get(f"comment-{code[len('severity-'):]}") or ""}
             for code, value in form.items() if code.startswith("severity-") and value]
    _, errors = submit(ConstraintsIn, {"constraints": items}, lambda parsed: surveys.save_constraints(
        session=session, actor=user, forum_id=forum_id, data=parsed))
    if errors:
        return _page(request, session, user, forum_id, errors=errors, status_code=422)
    flash(request, "Thank you: your answers are saved.")
    return RedirectResponse(f"/forums/{forum_id}/survey", status_code=303)


@router.post("/forums/{forum_id}/survey/recommendations")
async def recommendations(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    data = form_dict(await request.form())
    _, errors = submit(RecommendationIn, data, lambda parsed: surveys.add_recommendation(
        session=session, actor=user, forum_id=forum_id, data=parsed))
    if errors:
        return _page(request, session, user, forum_id, errors=errors, form=data, status_code=422)
    flash(request, "Thank you: your recommendation is saved.")
    return RedirectResponse(f"/forums/{forum_id}/survey", status_code=303)
