"""Forums as everyone sees them: the list and one forum's facts with how many have registered.

Organizing (sessions, registrations, meetings) is built on these with issue 6.
"""
from dataclasses import dataclass

from sqlmodel import Session, func, select

from app.errors import NotFound
from app.forums.models import Forum, Registration


@dataclass
class ForumCard:
    forum: Forum
    smes: int          # registered companies
    investors: int     # registered investors


def _counts(session: Session, forum_ids: list[int]) -> dict[tuple[int, str], int]:
    if not forum_ids:
        return {}
    rows = session.exec(select(Registration.forum_id, Registration.role, func.count())
                        .where(Registration.forum_id.in_(forum_ids))
                        .group_by(Registration.forum_id, Registration.role))
    return {(forum_id, str(role)): n for forum_id, role, n in rows}


def list_forums(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[ForumCard], int]:
    """Forums, the next or latest first."""
    total = session.exec(select(func.count()).select_from(Forum)).one()
    forums = session.exec(select(Forum).order_by(Forum.starts_on.desc(), Forum.id.desc())
                          .limit(limit).offset(offset)).all()
    counts = _counts(session, [f.id for f in forums])
    return [ForumCard(f, counts.get((f.id, "sme"), 0), counts.get((f.id, "investor"), 0)) for f in forums], total


def get_forum(*, session: Session, forum_id: int) -> ForumCard:
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFound("No forum has this number.")
    counts = _counts(session, [forum_id])
    return ForumCard(forum, counts.get((forum_id, "sme"), 0), counts.get((forum_id, "investor"), 0))
