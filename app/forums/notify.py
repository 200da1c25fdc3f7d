"""Telling participants about changes: a notification on their agenda and an e-mail in the outbox."""
from sqlmodel import Session, col, select

from app.auth.models import User
from app.forums.models import Notification, OutboxMessage


def notify(*, session: Session, forum_id: int, user_ids: list[int], message: str, meeting_id: int | None = None,
           subject: str = "Your forum agenda changed") -> None:
    """One notification per person and one e-mail each; the caller's transaction commits them together."""
    emails = dict(session.exec(select(User.id, User.email).where(col(User.id).in_(user_ids))).all())
    for user_id in dict.fromkeys(user_ids):
        session.add(Notification(user_id=user_id, forum_id=forum_id, meeting_id=meeting_id, message=message))
        if emails.get(user_id):
            session.add(OutboxMessage(forum_id=forum_id, to_email=emails[user_id], subject=subject,
                                      body=f"{message}\n\nSee your agenda: /forums/{forum_id}/agenda"))
    session.flush()
