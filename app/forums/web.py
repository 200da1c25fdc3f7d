"""Forum pages everyone may read: the list and one forum (organizing comes with issue 6)."""
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.deps import OptionalWebUser, SessionDep
from app.forums import service
from app.matches.forum import VIEWERS
from app.pagination import page_links
from app.web.templating import render

router = APIRouter()
PER_PAGE = 20


@router.get("/forums")
def forums(request: Request, session: SessionDep, user: OptionalWebUser, page: Annotated[int, Query(ge=1)] = 1):
    cards, total = service.list_forums(session=session, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render(request, "forums/list.html", {
        "cards": cards, "total": total, "pages": page_links(request, page=page, per_page=PER_PAGE, total=total)})


@router.get("/forums/{forum_id}")
def forum_page(request: Request, forum_id: int, session: SessionDep, user: OptionalWebUser):
    return render(request, "forums/forum.html", {
        "card": service.get_forum(session=session, forum_id=forum_id),
        "sees_suggestions": user is not None and user.role in VIEWERS})
