"""Sends the outbox over SMTP (`python -m app send-outbox`), one message at a time, marking each sent
or noting the error, so a failure never loses or repeats mail."""
import smtplib
from email.message import EmailMessage

from sqlmodel import Session, select

from app.config import Settings
from app.db import utcnow
from app.forums.models import OutboxMessage


def send_outbox(*, session: Session, settings: Settings, limit: int = 500) -> tuple[int, int]:
    """(sent, failed). Needs SMTP_HOST; the caller commits."""
    if not settings.smtp_host:
        raise RuntimeError("Set SMTP_HOST (and SMTP_USER, SMTP_PASSWORD, SMTP_FROM) to send the outbox.")
    waiting = session.exec(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
                           .order_by(OutboxMessage.id).limit(limit)).all()
    sent = failed = 0
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        for message in waiting:
            mail = EmailMessage()
            mail["From"], mail["To"], mail["Subject"] = settings.smtp_from, message.to_email, message.subject
            mail.set_content(message.body)
            try:
                smtp.send_message(mail)
                message.sent_at, message.error = utcnow(), ""
                sent += 1
            except smtplib.SMTPException as exc:
                message.error = str(exc)[:500]
                failed += 1
            session.add(message)
    session.flush()
    return sent, failed
