"""The evaluation dashboard page: funnel, breakdowns and score check, per forum or overall; it prints
as the forum report (one page per section)."""
from typing import Annotated

from fastapi import APIRouter, Request

from app.deps import SessionDep, WebUser
from app.evaluation import dashboard
from app.evaluation.survey_web import TOPICS
from app.forums.service import list_forums
from app.web.forms import Blankable
from app.web.templating import render

router = APIRouter()


@router.get("/evaluation")
def dashboard_page(request: Request, session: SessionDep, user: WebUser,
                   forum: Annotated[int | None, Blankable] = None):
    board = dashboard.build(session=session, actor=user, forum_id=forum)
    cards, _ = list_forums(session=session, limit=100)
    return render(request, "evaluation/dashboard.html", {"d": board, "forums": [c.forum for c in cards],
                                                          "chosen": forum, "topics": TOPICS})
