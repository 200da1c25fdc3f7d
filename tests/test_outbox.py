"""The outbox goes out over SMTP: to a real (tiny, local) SMTP server speaking the protocol."""
import socket
import threading

import pytest
from sqlmodel import select

from app.config import Settings
from app.forums.mailer import send_outbox
from app.forums.models import OutboxMessage


class TinySmtp:
    """Accepts mail on 127.0.0.1 and keeps what it received; refuses one recipient to show failures."""

    def __init__(self, refuse: str = ""):
        self.received: list[str] = []
        self.refuse = refuse
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        connection, _ = self.server.accept()
        with connection, connection.makefile("rwb") as stream:
            def say(line: str) -> None:
                stream.write(f"{line}\r\n".encode())
                stream.flush()
            say("220 tiny ready")
            data: list[str] | None = None
            for raw in stream:
                line = raw.decode().rstrip("\r\n")
                if data is not None:
                    if line == ".":
                        self.received.append("\n".join(data))
                        data = None
                        say("250 queued")
                    else:
                        data.append(line)
                elif line.upper().startswith(("EHLO", "HELO")):
                    say("250 tiny")
                elif line.upper().startswith("RCPT") and self.refuse and self.refuse in line:
                    say("550 no such mailbox")
                elif line.upper().startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                    say("250 ok")
                elif line.upper() == "DATA":
                    data = []
                    say("354 go on")
                elif line.upper() == "QUIT":
                    say("221 bye")
                    return


def test_send_outbox_marks_sent_and_keeps_failures(session):
    session.add_all([OutboxMessage(to_email="lan@rice.example", subject="Your agenda changed", body="Moved to 10:00."),
                     OutboxMessage(to_email="nobody@gone.example", subject="Your agenda changed", body="Cancelled.")])
    session.flush()
    server = TinySmtp(refuse="gone.example")
    sent, failed = send_outbox(session=session, settings=Settings(smtp_host="127.0.0.1", smtp_port=server.port,
                                                                  smtp_starttls=False))
    assert (sent, failed) == (1, 1)
    assert "Subject: Your agenda changed" in server.received[0] and "Moved to 10:00." in server.received[0]
    rows = {m.to_email: m for m in session.exec(select(OutboxMessage))}
    assert rows["lan@rice.example"].sent_at is not None
    assert rows["nobody@gone.example"].sent_at is None and "no such mailbox" in rows["nobody@gone.example"].error


def test_without_smtp_the_outbox_waits():
    with pytest.raises(RuntimeError, match="SMTP_HOST"):
        send_outbox(session=None, settings=Settings(smtp_host=""))
