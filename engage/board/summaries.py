"""Staff's summary of a comment period: open it, write it, send it to the board.

A Summary is the working draft (its numbers kept current by the summary job, engage/board/
jobs.py); publishing freezes what the draft holds as SummaryVersion N+1 and mails the board.
A frozen version is never changed: the ORM refuses an UPDATE of one (FrozenVersionError), and
later changes go into the draft, to be sent as the next version.
"""

import copy
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import selectinload

from engage import audit
from engage import cache as page_cache
from engage.accounts.models import User
from engage.board import jobs
from engage.board.models import Summary, SummaryStatus, SummaryVersion, Theme, ThemeResponse
from engage.extensions import db
from engage.mail import queue_mail
from engage.permissions import Role
from engage.policies.models import CommentPeriod, PeriodState
from engage.sanitize import clean_text, render_document
from engage.types import utcnow
from engage.web import absolute_url

NARRATIVE_MAX = 20_000
RESPONSE_MAX = 5_000
CHANGE_NOTE_MAX = 2_000
# Keys of the stored data that say when, not what: two versions differing only there are equal.
VOLATILE_KEYS = ("computed_at",)


class SummaryError(ValueError):
    """A change the rules refuse; nothing was changed. `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code


class FrozenVersionError(RuntimeError):
    """A version sent to the board is never changed: changes make a new version."""


@event.listens_for(SummaryVersion, "before_update")
def _refuse_update(mapper, connection, target):
    raise FrozenVersionError(f"summary version {target.id} was sent to the board: it is frozen")


@dataclass(frozen=True)
class ResponseData:
    """A row of "you said, we did": what the department did about one theme."""

    theme_id: int
    response: str
    policy_changed: bool


# Opening -----------------------------------------------------------------------------------


def summary_of(period: CommentPeriod) -> Summary | None:
    return db.session.scalar(db.select(Summary).where(Summary.period_id == period.id))


def open_summary(actor: User, period: CommentPeriod) -> Summary:
    """The period's summary, created and computed if it has none yet."""
    existing = summary_of(period)
    if existing is not None:
        return existing
    if period.state == PeriodState.UPCOMING:
        raise SummaryError(_l("This comment period has not opened yet."), None, "upcoming")
    summary = Summary(
        policy_id=period.version.policy_id,
        period_id=period.id,
        status=SummaryStatus.DRAFT.value,
        narrative_md="",
        narrative_html="",
        data={},
        stale=True,
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(summary)
    db.session.flush()
    audit.record(actor, "summary.open", summary, summary=_label(summary))
    jobs.refresh(summary)
    return summary


def _label(summary: Summary) -> str:
    period = summary.period
    return (
        f"Summary of {summary.policy.title}, comments "
        f"{period.opens_at:%Y-%m-%d} to {period.closes_at:%Y-%m-%d}"
    )


# The draft ---------------------------------------------------------------------------------


def _text(value: str | None, max_length: int, field: str) -> str:
    text = clean_text(value)
    if len(text) > max_length:
        raise SummaryError(_l("Use at most %(n)d characters.", n=max_length), field, "too_long")
    return text


def policy_themes(policy_id: int) -> list[Theme]:
    """The policy's themes in alphabetical order."""
    themes = db.session.scalars(db.select(Theme).where(Theme.policy_id == policy_id))
    return sorted(themes, key=lambda theme: (theme.name.casefold(), theme.id))


def save_draft(
    actor: User, summary: Summary, narrative: str, responses: list[ResponseData]
) -> Summary:
    """Save the narrative and the "you said, we did" rows of the draft (never a version)."""
    narrative = _text(narrative, NARRATIVE_MAX, "narrative")
    themes = {theme.id for theme in policy_themes(summary.policy_id)}
    rows = []
    for row in responses:
        if row.theme_id not in themes:
            raise SummaryError(_l("That theme is not one of this policy's."), None, "theme")
        rows.append((row, _text(row.response, RESPONSE_MAX, f"response_{row.theme_id}")))
    summary.narrative_md = narrative
    summary.narrative_html = render_document(narrative)
    existing = {response.theme_id: response for response in summary.responses}
    for row, text in rows:
        _save_response(summary, existing.get(row.theme_id), row, text)
    db.session.flush()
    audit.record(actor, "summary.edit", summary, summary=_label(summary))
    return summary


def _save_response(summary, response, row: ResponseData, text: str) -> None:
    if response is None and not text and not row.policy_changed:
        return
    if response is None:
        response = ThemeResponse(summary=summary, theme_id=row.theme_id)
        db.session.add(response)
    response.response_md = text
    response.response_html = render_document(text)
    response.policy_changed = row.policy_changed


def draft_responses(summary: Summary) -> list[dict]:
    """The draft's "you said, we did" rows in the shape a frozen version stores."""
    names = {theme.id: theme.name for theme in policy_themes(summary.policy_id)}
    rows = [
        {
            "theme_id": response.theme_id,
            "theme": names[response.theme_id],
            "response_md": response.response_md,
            "response_html": response.response_html,
            "policy_changed": response.policy_changed,
        }
        for response in summary.responses
        if response.theme_id in names and (response.response_md or response.policy_changed)
    ]
    return sorted(rows, key=lambda row: (row["theme"].casefold(), row["theme_id"]))


def draft_data(summary: Summary) -> dict:
    """What publishing now would freeze: the stored numbers, themes as they are named today,
    and the "you said, we did" rows."""
    data = copy.deepcopy(summary.data or {})
    names = {theme.id: theme.name for theme in policy_themes(summary.policy_id)}
    data["themes"] = [
        {**entry, "name": names[entry.get("id")]}
        for entry in data.get("themes", [])
        if entry.get("id") in names
    ]
    data["responses"] = draft_responses(summary)
    return data


# Publishing --------------------------------------------------------------------------------


def next_number(summary: Summary) -> int:
    latest = summary.latest_version
    return latest.number + 1 if latest else 1


def _comparable(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in VOLATILE_KEYS}


def unchanged_since_last(summary: Summary, data: dict) -> bool:
    """Whether the draft says exactly what the last version sent said."""
    latest = summary.latest_version
    return bool(
        latest is not None
        and latest.narrative_md == summary.narrative_md
        and _comparable(latest.data or {}) == _comparable(data)
    )


def _check_publishable(summary: Summary, note: str, data: dict) -> None:
    if not summary.data or summary.computed_at is None:
        raise SummaryError(
            _l("The numbers have not been computed yet: refresh them first."), None, "no_data"
        )
    if summary.latest_version is not None and not note:
        raise SummaryError(
            _l("Say what changed since version %(n)d.", n=summary.latest_version.number),
            "change_note",
            "required",
        )
    if unchanged_since_last(summary, data):
        raise SummaryError(
            _l("Nothing changed since version %(n)d was sent.", n=summary.latest_version.number),
            None,
            "unchanged",
        )


def publish_summary(
    actor: User, summary: Summary, change_note: str, now: datetime | None = None
) -> SummaryVersion:
    """Freeze the draft as the next version, send it to the board and mail its members."""
    note = _text(change_note, CHANGE_NOTE_MAX, "change_note")
    data = draft_data(summary)
    _check_publishable(summary, note, data)
    version = SummaryVersion(
        number=next_number(summary),
        data=data,
        narrative_md=summary.narrative_md,
        narrative_html=summary.narrative_html,
        change_note=note,
        sent_at=now or utcnow(),
        sent_by_id=getattr(actor, "id", None),
    )
    summary.versions.append(version)
    summary.status = SummaryStatus.SENT.value
    db.session.flush()
    audit.record(
        actor,
        "summary.publish",
        summary,
        summary=f"{_label(summary)}: version {version.number} sent to the board",
        reason=note or None,
        detail={"version": version.number},
    )
    _mail_board(summary, version)
    # The policy's public page links the summary: its cached copies must go.
    page_cache.mark(db.session(), page_cache.policy_generation(summary.policy.slug))
    return version


def board_recipients() -> list[User]:
    """Board members who can receive mail: active, confirmed accounts with the board role."""
    users = db.session.scalars(
        db.select(User).where(User.role == Role.BOARD.value).order_by(User.id)
    )
    return [user for user in users if user.is_active and user.is_confirmed]


def _mail_board(summary: Summary, version: SummaryVersion) -> None:
    public_link = absolute_url("board.summary", slug=summary.policy.slug, version=version.number)
    link = absolute_url("board.board_summary", summary_id=summary.id)
    for user in board_recipients():
        queue_mail(
            user.email,
            "summary_sent",
            locale=user.preferred_language,
            user=user,
            policy=summary.policy,
            period=summary.period,
            version=version,
            link=link,
            public_link=public_link,
        )


# Reading -----------------------------------------------------------------------------------


def sent_summaries_of(policy_id: int) -> list[Summary]:
    """The policy's summaries with at least one version sent, the latest sent first."""
    summaries = db.session.scalars(
        db.select(Summary)
        .where(Summary.policy_id == policy_id)
        .options(selectinload(Summary.versions), selectinload(Summary.period))
    )
    sent = [summary for summary in summaries if summary.versions]
    return sorted(sent, key=lambda s: (s.latest_version.sent_at, s.id), reverse=True)
