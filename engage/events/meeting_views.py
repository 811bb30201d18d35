"""The city's own meetings: hearings, board meetings, speaker lists, written testimony."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from engage.events.meeting_forms import (
    KIND_LABELS,
    MODE_LABELS,
    CancelMeetingForm,
    CancelSpeakerForm,
    MeetingForm,
    SpeakerForm,
    TestimonyForm,
)
from engage.events.models import Event, EventStatus
from engage.events.services import meetings, testimony
from engage.events.services.sessions import EventError
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import ensure, guarded, public, require
from engage.types import utcnow
from engage.web import page_number

bp = Blueprint("meetings", __name__)
PER_PAGE = 20


@bp.app_template_global("meeting_kind_label")
def meeting_kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@bp.app_template_global("speaker_mode_label")
def speaker_mode_label(mode: str) -> str:
    return str(MODE_LABELS.get(mode, mode))


@bp.app_template_global("running_time")
def running_time(delta: timedelta) -> str:
    """Minutes into public testimony as h:mm, e.g. '0:04'."""
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _meeting(event_id: int) -> Event:
    event = db.first_or_404(
        db.select(Event)
        .where(Event.id == event_id, Event.organization_id.is_(None))
        .options(selectinload(Event.policies), selectinload(Event.annual_reports))
    )
    if not meetings.is_meeting(event):
        abort(404)
    return event


# Public pages -----------------------------------------------------------------------------


@bp.route("/meetings")
@public
def index():
    past = request.args.get("when") == "past"
    statement = meetings.meetings_statement(past)
    pager = db.paginate(statement, page=page_number(), per_page=PER_PAGE, error_out=False)
    return render_template("events/meetings.html", pager=pager, past=past)


def _detail_page(event: Event, speaker_form=None, testimony_form=None, status: int = 200):
    signup = meetings.signup_for(current_user, event)
    active = signup if signup is not None and signup.cancelled_at is None else None
    page = render_template(
        "events/meeting.html",
        event=event,
        signup=active,
        position=meetings.speaker_position(active) if active else None,
        speakers=meetings.speaker_count(event),
        speaking_closed=meetings.why_no_testimony(event),
        writing_closed=meetings.why_no_testimony(event, written=True),
        speaker_form=speaker_form or SpeakerForm(event, formdata=None),
        testimony_form=testimony_form or TestimonyForm(event, formdata=None),
        cancel_form=CancelSpeakerForm(formdata=None),
    )
    return page, status


@bp.route("/meetings/<int:event_id>")
@public
def detail(event_id: int):
    return _detail_page(_meeting(event_id))


@bp.route("/meetings/<int:event_id>/speakers", methods=["POST"])
@guarded
def sign_up(event_id: int):
    event = _meeting(event_id)
    ensure("meeting:testify", event)
    form = SpeakerForm(event)
    if form.validate_on_submit():
        try:
            signup = meetings.sign_up_to_speak(current_user, event, form.mode.data, form.topic.data)
        except EventError as error:
            show_refusal(form, error)
        else:
            position = meetings.speaker_position(signup)
            db.session.commit()
            flash(
                _(
                    "You are number %(n)d on the speaker list. We emailed you the details.",
                    n=position,
                ),
                "success",
            )
            return redirect(url_for(".detail", event_id=event.id, _anchor="testify"))
    return _detail_page(event, speaker_form=form, status=400)


@bp.route("/meetings/<int:event_id>/speakers/cancel", methods=["POST"])
@guarded
def cancel_speaking(event_id: int):
    event = _meeting(event_id)
    ensure("meeting:testify", event)
    form = CancelSpeakerForm()
    signup = meetings.signup_for(current_user, event)
    if not form.validate_on_submit() or signup is None:
        abort(400)
    try:
        meetings.cancel_speaking(current_user, signup)
    except EventError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("You are off the speaker list."), "success")
    return redirect(url_for(".detail", event_id=event.id, _anchor="testify"))


@bp.route("/meetings/<int:event_id>/testimony", methods=["POST"])
@guarded
def written_testimony(event_id: int):
    event = _meeting(event_id)
    ensure("meeting:testify", event)
    form = TestimonyForm(event)
    if form.validate_on_submit():
        try:
            comment = testimony.submit_written_testimony(current_user, event, form.testimony())
        except EventError as error:
            show_refusal(form, error)
        else:
            number = comment.tracking_number
            db.session.commit()
            flash(
                _(
                    "Your testimony is in the record as comment %(number)s. "
                    "We emailed you a receipt.",
                    number=number,
                ),
                "success",
            )
            return redirect(url_for(".detail", event_id=event.id, _anchor="written"))
    return _detail_page(event, testimony_form=form, status=400)


# Staff ------------------------------------------------------------------------------------


@bp.route("/staff/meetings")
@require("meeting:create")
def staff_index():
    pager = db.paginate(
        meetings.meetings_statement(None, newest_first=True),
        page=page_number(),
        per_page=PER_PAGE,
        error_out=False,
    )
    counts = meetings.speaker_counts([event.id for event in pager.items])
    return render_template("staff/meetings.html", pager=pager, counts=counts, now=utcnow())


@bp.route("/staff/meetings/new", methods=["GET", "POST"])
@require("meeting:create")
def new():
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            event = meetings.create_meeting(current_user, form.meeting_data())
        except EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The meeting is posted."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/meetings_form.html", form=form, event=None), status


@bp.route("/staff/meetings/<int:event_id>/edit", methods=["GET", "POST"])
@guarded
def edit(event_id: int):
    event = _meeting(event_id)
    ensure("event:manage", event)
    form = MeetingForm()
    if request.method == "GET":
        form.fill_from(event)
    elif form.validate_on_submit():
        try:
            changed = meetings.update_meeting(current_user, event, form.meeting_data())
        except EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The meeting is updated.") if changed else _("Nothing changed."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/meetings_form.html", form=form, event=event), status


@bp.route("/staff/meetings/<int:event_id>/cancel", methods=["GET", "POST"])
@guarded
def cancel(event_id: int):
    event = _meeting(event_id)
    ensure("event:manage", event)
    if event.status == EventStatus.CANCELLED:
        flash(_("This meeting is already cancelled."), "info")
        return redirect(url_for(".detail", event_id=event.id))
    form = CancelMeetingForm()
    if form.validate_on_submit():
        try:
            meetings.cancel_meeting(current_user, event, form.reason.data)
        except EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The meeting is cancelled; the speakers were emailed."), "success")
            return redirect(url_for(".detail", event_id=event.id))
    status = 400 if request.method == "POST" else 200
    return render_template("staff/meetings_cancel.html", form=form, event=event), status


@bp.route("/staff/meetings/<int:event_id>/speakers")
@guarded
def speakers(event_id: int):
    """The speaker list, print-friendly: order, name, mode, minutes and running time."""
    event = _meeting(event_id)
    ensure("event:attendees", event)
    return render_template(
        "staff/meetings_speakers.html", event=event, slots=meetings.speaker_list(event)
    )
