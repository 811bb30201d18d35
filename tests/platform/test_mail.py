"""The outbox delivers over a real SMTP connection and keeps what failed for the next run."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from engage.extensions import db
from engage.mail import MAX_ATTEMPTS, OutboxMessage, queue_mail, send_pending


class Collect(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _queue(app, to="ana@example.org"):
    with app.test_request_context():
        user = type("U", (), {"display_name": "Ana"})()
        return queue_mail(to, "reset_password", user=user, link="http://engage.test/x")


def test_send_mail_delivers_and_marks_sent(app, ctx, smtp_server, monkeypatch):
    controller, handler = smtp_server
    message = _queue(app)
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{controller.port}")
    counts = send_pending()
    assert counts == {"sent": 1, "failed": 0, "waiting": 0}
    (received,) = handler.messages
    assert received["To"] == "ana@example.org"
    assert received["Subject"] == "Choose a new Engage password"
    assert "http://engage.test/x" in received.get_payload()
    assert db.session.get(OutboxMessage, message.id).status == "sent"
    assert send_pending()["sent"] == 0


def test_failed_delivery_stays_in_the_outbox_for_retry(app, ctx, smtp_server, monkeypatch):
    controller, handler = smtp_server
    message = _queue(app)
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{_free_port()}")
    assert send_pending()["failed"] == 1
    stored = db.session.get(OutboxMessage, message.id)
    assert stored.status == "pending"
    assert stored.attempts == 1
    assert stored.last_error
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{controller.port}")
    assert send_pending()["sent"] == 1
    assert len(handler.messages) == 1


def test_a_message_is_given_up_after_the_last_attempt(app, ctx, monkeypatch):
    message = _queue(app)
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{_free_port()}")
    for _attempt in range(MAX_ATTEMPTS + 2):
        send_pending()
    stored = db.session.get(OutboxMessage, message.id)
    assert stored.status == "failed"
    assert stored.attempts == MAX_ATTEMPTS


def test_without_smtp_mail_waits_in_the_outbox(app, ctx):
    _queue(app)
    assert send_pending() == {"sent": 0, "failed": 0, "waiting": 1}


def test_send_mail_command(app, ctx, smtp_server, monkeypatch):
    controller, _handler = smtp_server
    _queue(app)
    db.session.commit()  # the command runs in its own session: it must see the message
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{controller.port}")
    result = app.test_cli_runner().invoke(args=["engage", "send-mail"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output


def test_headers_and_attachments_are_delivered(app, ctx, smtp_server, monkeypatch):
    controller, handler = smtp_server
    with app.test_request_context():
        user = type("U", (), {"display_name": "Ana"})()
        queue_mail(
            "ana@example.org",
            "reset_password",
            user=user,
            link="http://engage.test/x",
            headers={"List-Unsubscribe": "<http://engage.test/unsubscribe/t>"},
            attachments=[
                {
                    "filename": "session.ics",
                    "content_type": "text/calendar",
                    "data": b"BEGIN:VCALENDAR\r\n",
                }
            ],
        )
    monkeypatch.setitem(app.config, "ENGAGE_MAIL_URL", f"smtp://127.0.0.1:{controller.port}")
    assert send_pending()["sent"] == 1
    (received,) = handler.messages
    assert received["List-Unsubscribe"] == "<http://engage.test/unsubscribe/t>"
    parts = [p for p in received.walk() if p.get_filename() == "session.ics"]
    assert parts[0].get_content_type() == "text/calendar"
    assert parts[0].get_payload(decode=True) == b"BEGIN:VCALENDAR\r\n"


def test_mail_renders_in_languages_with_a_script_or_region(app, ctx):
    # Babel spells these zh_Hant and pt_BR; the city's list says zh-Hant and pt-BR.
    for locale in ("zh-Hant", "zh-Hans", "pt-BR", "kea", "ar"):
        _queue_in(app, locale)


def _queue_in(app, locale):
    with app.test_request_context():
        user = type("U", (), {"display_name": "Ana"})()
        return queue_mail("ana@example.org", "reset_password", locale=locale, user=user, link="x")
