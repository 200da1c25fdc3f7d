"""Telling participants about changes: a notification on their agenda and an e-mail in the outbox.

Each person reads them in their own language (their profile's, else English): `message` and `subject`
are English text marked with N_ for the catalogs, translated here for every recipient, then filled
with `params` ({placeholders}). Stored notifications and e-mails stay in that language.
"""
from sqlmodel import Session, col, select

from app.auth.models import User
from app.forums.models import Notification, OutboxMessage
from app.i18n.translate import N_, _, using_locale


def notify(*, session: Session, forum_id: int, user_ids: list[int], message: str, meeting_id: int | None = None,
           subject: str = N_("Your forum agenda changed"), params: dict | None = None) -> None:
    """One notification per person and one e-mail each; the caller's transaction commits them together."""
    users = {user_id: (email, locale) for user_id, email, locale in session.exec(
        select(User.id, User.email, User.locale).where(col(User.id).in_(user_ids))).all()}
    for user_id in dict.fromkeys(user_ids):
        email, locale = users.get(user_id, (None, None))
        with using_locale(locale):
            text, title = (_(message).format(**params), _(subject).format(**params)) if params else (_(message), _(subject))
            session.add(Notification(user_id=user_id, forum_id=forum_id, meeting_id=meeting_id, message=text))
            if email:
                body = _("{message}\n\nSee your agenda: {url}").format(message=text, url=f"/forums/{forum_id}/agenda")
                session.add(OutboxMessage(forum_id=forum_id, to_email=email, subject=title, body=body))
    session.flush()
