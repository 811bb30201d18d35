"""The outbox: services queue messages; `flask engage send-mail` delivers them.

Queuing is part of the request's transaction, so a rolled-back action sends nothing, and a
failed delivery never loses the message: it stays in the outbox for the next run.
"""

import base64
import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import db
from engage.types import UTCDateTime, utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(60), index=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    # Extra headers (e.g. List-Unsubscribe) and attachments: [{filename, content_type, data}]
    # with data base64-encoded (calendar files are small).
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def _render(template: str, locale: str | None, context: dict) -> tuple[str, str]:
    """Render `mail/<template>.txt`; its first line is `Subject: ...`."""
    # Babel spells `zh-Hant` and `pt-BR` with an underscore (see reference.Language).
    with force_locale((locale or "en").replace("-", "_")):
        text = render_template(f"mail/{template}.txt", **context)
    first, _, body = text.lstrip().partition("\n")
    subject = first.removeprefix("Subject:").strip()
    return subject, body.strip() + "\n"


def queue_mail(
    to: str,
    template: str,
    *,
    locale: str | None = None,
    headers: dict | None = None,
    attachments: list[dict] | None = None,
    **context,
) -> OutboxMessage:
    """Put a message in the outbox; it is delivered by `send_pending()`.

    `attachments`: [{"filename", "content_type", "data": bytes}].
    """
    context.setdefault("base_url", current_app.config["ENGAGE_BASE_URL"])
    context.setdefault("city_name", current_app.config["ENGAGE_CITY_NAME"])
    subject, body = _render(template, locale, context)
    message = OutboxMessage(
        kind=template,
        to_address=to,
        subject=subject,
        body_text=body,
        headers=dict(headers or {}),
        attachments=[_encode(a) for a in attachments or []],
    )
    db.session.add(message)
    if not current_app.config.get("ENGAGE_MAIL_URL"):
        log.info("mail queued (no ENGAGE_MAIL_URL): %s", subject)
    return message


def _encode(attachment: dict) -> dict:
    return {
        "filename": attachment["filename"],
        "content_type": attachment["content_type"],
        "data": base64.b64encode(attachment["data"]).decode("ascii"),
    }


def _connect(url: str) -> smtplib.SMTP:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme == "smtps":
        smtp = smtplib.SMTP_SSL(
            parts.hostname, parts.port or 465, context=ssl.create_default_context(), timeout=30
        )
    elif parts.scheme == "smtp":
        smtp = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=30)
        if query.get("starttls") == ["1"]:
            smtp.starttls(context=ssl.create_default_context())
    else:
        raise ValueError(f"unsupported mail URL scheme {parts.scheme!r}")
    if parts.username:
        smtp.login(unquote(parts.username), unquote(parts.password or ""))
    return smtp


def _as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    for name, value in (message.headers or {}).items():
        email[name] = value
    email.set_content(message.body_text)
    for attachment in message.attachments or []:
        maintype, _, subtype = attachment["content_type"].partition("/")
        email.add_attachment(
            base64.b64decode(attachment["data"]),
            maintype=maintype,
            subtype=subtype.split(";")[0],
            filename=attachment["filename"],
        )
    return email


def send_pending(limit: int = 500) -> dict[str, int]:
    """Deliver waiting messages over SMTP; keep failures for the next run. Never commits."""
    url = current_app.config.get("ENGAGE_MAIL_URL")
    counts = {"sent": 0, "failed": 0, "waiting": 0}
    pending = db.session.scalars(
        db.select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    if not url:
        counts["waiting"] = len(pending)
        return counts
    sender = current_app.config["ENGAGE_MAIL_SENDER"]
    try:
        smtp = _connect(url)
    except (OSError, smtplib.SMTPException) as error:
        for message in pending:
            _mark_failed(message, error)
        counts["failed"] = len(pending)
        return counts
    with smtp:
        for message in pending:
            try:
                smtp.send_message(_as_email(message, sender))
            except smtplib.SMTPException as error:
                _mark_failed(message, error)
                counts["failed"] += 1
            else:
                message.status, message.sent_at = "sent", utcnow()
                message.attempts += 1
                counts["sent"] += 1
    db.session.flush()
    return counts


def _mark_failed(message: OutboxMessage, error: Exception) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
