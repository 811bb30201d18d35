"""The city's own meetings: hearings, board meetings, working sessions; speakers and testimony.

Meetings are events without an organization, posted by staff with the same checks as listening
sessions (time, place, languages, interpretation). Residents sign up to speak (the list keeps
sign-up order) or send written testimony, which enters the linked policy's comment record.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from engage import audit
from engage.events.models import CITY_MEETING_KINDS, Event, EventStatus, SpeakerSignup
from engage.events.services import sessions
from engage.events.services.sessions import EventError, SessionData
from engage.extensions import db
from engage.mail import queue_mail
from engage.policies.models import Policy
from engage.reports.models import AnnualReport
from engage.sanitize import clean_text
from engage.types import utcnow
from engage.web import absolute_url

SPEAKER_MODES = ("in_person", "virtual")
MIN_SPEAKER_MINUTES, MAX_SPEAKER_MINUTES = 1, 15
MAX_TOPIC = 300
MEETING_KINDS = tuple(kind.value for kind in CITY_MEETING_KINDS)
# Changes that send the people on the speaker list an updated calendar entry.
TIME_AND_PLACE = sessions.TIME_AND_PLACE
EDITABLE = (
    *sessions.EDITABLE,
    "kind",
    "testimony_open",
    "speaker_minutes",
)


@dataclass
class MeetingData(SessionData):
    """What staff enter for a meeting: a session's fields plus the meeting's own."""

    kind: str = "hearing"
    report_ids: list[int] = field(default_factory=list)
    testimony_open: bool = True
    speaker_minutes: int | None = 2


# Checking ---------------------------------------------------------------------------------


def _kind(value: str) -> str:
    if value not in MEETING_KINDS:
        raise EventError(_l("Choose the kind of meeting."), "kind")
    return value


def _minutes(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EventError(_l("Enter the minutes each speaker has, like 2."), "speaker_minutes")
    if not MIN_SPEAKER_MINUTES <= value <= MAX_SPEAKER_MINUTES:
        raise EventError(
            _l(
                "Speakers can have from %(low)d to %(high)d minutes.",
                low=MIN_SPEAKER_MINUTES,
                high=MAX_SPEAKER_MINUTES,
            ),
            "speaker_minutes",
        )
    return value


def _by_ids(model, ids, name: str, message) -> list:
    wanted = {int(i) for i in ids or []}
    if not wanted:
        return []
    found = list(db.session.scalars(db.select(model).where(model.id.in_(wanted))))
    if len(found) != len(wanted):
        raise EventError(message, name)
    return found


def _links(data: MeetingData) -> tuple[list[Policy], list[AnnualReport]]:
    policies = _by_ids(
        Policy, data.policy_ids, "policy_ids", _l("One of the chosen policies does not exist.")
    )
    reports = _by_ids(
        AnnualReport,
        data.report_ids,
        "report_ids",
        _l("One of the chosen annual reports does not exist."),
    )
    return sorted(policies, key=lambda p: p.title), reports


def _values(data: MeetingData, start_changed: bool = True) -> dict:
    values = sessions._values(data, utcnow(), start_changed)
    values["kind"] = _kind(data.kind)
    values["testimony_open"] = bool(data.testimony_open)
    values["speaker_minutes"] = _minutes(data.speaker_minutes)
    return values


# Meetings ---------------------------------------------------------------------------------


def create_meeting(actor, data: MeetingData) -> Event:
    """Post a city meeting (staff). Never commits."""
    values = _values(data)
    policies, reports = _links(data)
    event = Event(organization_id=None, created_by_id=actor.id, sequence=0, **values)
    event.policies, event.annual_reports = policies, reports
    db.session.add(event)
    db.session.flush()
    audit.record(actor, "meeting.create", event, summary=event.title[:300])
    return event


def _changed(event: Event, values: dict, policies, reports) -> list[str]:
    names = [name for name in EDITABLE if getattr(event, name) != values[name]]
    if {p.id for p in event.policies} != {p.id for p in policies}:
        names.append("policies")
    if {r.id for r in event.annual_reports} != {r.id for r in reports}:
        names.append("annual_reports")
    return names


def update_meeting(actor, event: Event, data: MeetingData) -> list[str]:
    """Save an edit; every change bumps the calendar SEQUENCE; speakers hear of new times."""
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("This meeting was cancelled; it can't be edited."), code="cancelled")
    values = _values(data, start_changed=data.starts_at != event.starts_at)
    policies, reports = _links(data)
    changed = _changed(event, values, policies, reports)
    if not changed:
        return []
    for name, value in values.items():
        setattr(event, name, value)
    event.policies, event.annual_reports = policies, reports
    event.sequence = (event.sequence or 0) + 1
    event.updated_at = utcnow()
    audit.record(actor, "meeting.update", event, summary=event.title, detail={"changed": changed})
    db.session.flush()
    if any(name in TIME_AND_PLACE for name in changed):
        _tell_speakers(event, "meeting_changed")
    return changed


def cancel_meeting(actor, event: Event, reason: str) -> Event:
    """Cancel the meeting; the people on the speaker list get a cancelled calendar entry."""
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("This meeting is already cancelled."), code="cancelled")
    reason = clean_text(reason)
    if not reason:
        raise EventError(_l("Say why the meeting is cancelled; it is shown publicly."), "reason")
    if len(reason) > 2000:
        raise EventError(_l("Keep the reason under 2,000 characters."), "reason")
    event.status, event.cancel_reason = EventStatus.CANCELLED.value, reason
    event.sequence = (event.sequence or 0) + 1
    event.updated_at = utcnow()
    audit.record(actor, "meeting.cancel", event, summary=event.title, reason=reason)
    db.session.flush()
    _tell_speakers(event, "meeting_cancelled", method="CANCEL")
    return event


def meeting_url(event: Event) -> str:
    return absolute_url("meetings.detail", event_id=event.id)


def _tell_speakers(event: Event, template: str, method: str = "PUBLISH") -> None:
    for signup in active_signups(event):
        if sessions.reachable(signup.user):
            language = signup.user.preferred_language
            queue_mail(
                signup.user.email,
                template,
                locale=language,
                attachments=[sessions.calendar_attachment(event, method, language)],
                user=signup.user,
                event=event,
                signup=signup,
                link=meeting_url(event),
            )


# Speakers ---------------------------------------------------------------------------------


def is_meeting(event: Event) -> bool:
    return event.organization_id is None and event.kind in MEETING_KINDS


def why_no_testimony(event: Event, written: bool = False) -> EventError | None:
    """Why testimony can't be given now, or None."""
    if not is_meeting(event):
        return EventError(_l("Testimony is taken at the city's own meetings only."))
    if event.status == EventStatus.CANCELLED:
        return EventError(_l("This meeting was cancelled."), code="cancelled")
    if not event.testimony_open:
        return EventError(_l("This meeting is not taking public testimony."), code="closed")
    if not written and event.ends_at <= utcnow():
        return EventError(_l("This meeting has ended."), code="ended")
    return None


def _check_person(user) -> None:
    if user is None or not user.is_active:
        raise EventError(_l("Sign in to testify."), code="signed_out")
    if not user.is_confirmed:
        raise EventError(_l("Confirm your email address first."), code="unconfirmed")


def _mode(event: Event, mode: str) -> str:
    if mode not in SPEAKER_MODES:
        raise EventError(_l("Choose whether you will speak in person or online."), "mode")
    if mode == "in_person" and not event.in_person:
        raise EventError(_l("This meeting is online only."), "mode")
    if mode == "virtual" and not event.online:
        raise EventError(_l("This meeting has no online participation."), "mode")
    return mode


def signup_for(user, event: Event) -> SpeakerSignup | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        db.select(SpeakerSignup).where(
            SpeakerSignup.event_id == event.id, SpeakerSignup.user_id == user.id
        )
    )


def _already(signup: SpeakerSignup) -> EventError:
    return EventError(
        _l("You are already on the speaker list (number %(n)d).", n=speaker_position(signup)),
        code="twice",
    )


def sign_up_to_speak(user, event: Event, mode: str, topic: str = "") -> SpeakerSignup:
    """Put `user` at the end of the speaker list. Never commits."""
    _check_person(user)
    problem = why_no_testimony(event)
    if problem:
        raise problem
    mode = _mode(event, mode)
    topic = clean_text(topic)
    if len(topic) > MAX_TOPIC:
        raise EventError(_l("Keep the topic under %(max)d characters.", max=MAX_TOPIC), "topic")
    signup = signup_for(user, event)
    if signup is not None and signup.cancelled_at is None:
        raise _already(signup)
    signup = _store_signup(signup, user, event, mode, topic)
    audit.record(user, "meeting.speaker", signup, detail={"event": event.id, "mode": mode})
    queue_mail(
        user.email,
        "meeting_speaker",
        locale=user.preferred_language,
        attachments=[sessions.calendar_attachment(event, locale=user.preferred_language)],
        user=user,
        event=event,
        signup=signup,
        position=speaker_position(signup),
        link=meeting_url(event),
    )
    return signup


def _store_signup(signup, user, event: Event, mode: str, topic: str) -> SpeakerSignup:
    """A new row, or an earlier cancelled one back at the end of the list."""
    if signup is not None:
        signup.mode, signup.topic, signup.cancelled_at = mode, topic, None
        signup.created_at = utcnow()
        db.session.flush()
        return signup
    signup = SpeakerSignup(event_id=event.id, user_id=user.id, mode=mode, topic=topic)
    try:
        with db.session.begin_nested():
            db.session.add(signup)
            db.session.flush()
    except IntegrityError as error:  # the same person, twice at once
        raise EventError(_l("You are already on the speaker list."), code="twice") from error
    return signup


def cancel_speaking(user, signup: SpeakerSignup) -> SpeakerSignup:
    """Take yourself off the speaker list."""
    if user is None or signup.user_id != getattr(user, "id", None):
        raise EventError(_l("You can only cancel your own place."), code="forbidden")
    if signup.cancelled_at is not None:
        raise EventError(_l("You are not on the speaker list."), code="already")
    signup.cancelled_at = utcnow()
    audit.record(user, "meeting.speaker_cancel", signup, detail={"event": signup.event_id})
    db.session.flush()
    return signup


def _active(event_id: int):
    return db.select(SpeakerSignup).where(
        SpeakerSignup.event_id == event_id, SpeakerSignup.cancelled_at.is_(None)
    )


def active_signups(event: Event) -> list[SpeakerSignup]:
    """The speaker list in sign-up order, with the accounts (one query)."""
    statement = (
        _active(event.id)
        .options(joinedload(SpeakerSignup.user))
        .order_by(SpeakerSignup.created_at, SpeakerSignup.id)
    )
    return list(db.session.scalars(statement))


def speaker_count(event: Event) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(_active(event.id).subquery()))


def speaker_position(signup: SpeakerSignup) -> int:
    """1 for the first speaker; counts the active sign-ups before this one."""
    earlier = _active(signup.event_id).where(
        (SpeakerSignup.created_at < signup.created_at)
        | ((SpeakerSignup.created_at == signup.created_at) & (SpeakerSignup.id < signup.id))
    )
    return 1 + db.session.scalar(db.select(db.func.count()).select_from(earlier.subquery()))


@dataclass
class SpeakerSlot:
    number: int
    signup: SpeakerSignup
    minutes: int
    starts_after: timedelta  # from the start of public testimony
    ends_after: timedelta


def speaker_list(event: Event) -> list[SpeakerSlot]:
    """Who speaks in which order, each with the meeting's minutes and the running time."""
    slots, elapsed = [], timedelta()
    each = timedelta(minutes=event.speaker_minutes or 2)
    for number, signup in enumerate(active_signups(event), start=1):
        slots.append(SpeakerSlot(number, signup, event.speaker_minutes, elapsed, elapsed + each))
        elapsed += each
    return slots


# Lists ------------------------------------------------------------------------------------


def meetings_statement(past: bool | None, newest_first: bool = False):
    """City meetings: upcoming (soonest first), past (latest first), or all (None)."""
    statement = db.select(Event).where(
        Event.organization_id.is_(None), Event.kind.in_(MEETING_KINDS)
    )
    now = utcnow()
    if past is True:
        statement = statement.where(Event.ends_at < now)
    elif past is False:
        statement = statement.where(Event.ends_at >= now)
    latest_first = newest_first or past is True
    order = (
        (Event.starts_at.desc(), Event.id.desc()) if latest_first else (Event.starts_at, Event.id)
    )
    return statement.options(selectinload(Event.policies)).order_by(*order)


def speaker_counts(event_ids: list[int]) -> dict[int, int]:
    """Active speakers per meeting (one grouped query)."""
    counts = dict.fromkeys(event_ids, 0)
    if event_ids:
        rows = db.session.execute(
            db.select(SpeakerSignup.event_id, db.func.count(SpeakerSignup.id))
            .where(SpeakerSignup.event_id.in_(event_ids), SpeakerSignup.cancelled_at.is_(None))
            .group_by(SpeakerSignup.event_id)
        )
        counts.update(dict(rows.all()))
    return counts
