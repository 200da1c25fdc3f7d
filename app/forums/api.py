"""Forums in the JSON API (public, like the forum pages)."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import SessionDep
from app.forums import service
from app.forums.schemas import ForumOut
from app.pagination import Page

router = APIRouter(tags=["forums"])


def _out(card: service.ForumCard) -> ForumOut:
    return ForumOut.model_validate({**card.forum.model_dump(), "registered_smes": card.smes,
                                    "registered_investors": card.investors})


@router.get("/forums", response_model=Page[ForumOut])
def list_forums(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 50,
                offset: Annotated[int, Query(ge=0)] = 0):
    cards, total = service.list_forums(session=session, limit=limit, offset=offset)
    return Page(items=[_out(c) for c in cards], total=total)


@router.get("/forums/{forum_id}", response_model=ForumOut)
def get_forum(forum_id: int, session: SessionDep):
    return _out(service.get_forum(session=session, forum_id=forum_id))
