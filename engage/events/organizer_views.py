"""Organizers' tools: create and edit sessions, attendees, check-in, cancellation.

Everything here is for the organization's members (and staff): the attendee list and the
accommodation requests are seen by nobody else.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from engage.errors import render_error
from engage.events import services
from engage.events import session_queries as queries
from engage.events.forms import CancelSessionForm, CheckInForm, SessionForm
from engage.events.models import Event, EventKind, Registration
from engage.exports import csv_response
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import can, ensure, guarded
from engage.types import utcnow

bp = Blueprint("event_organizer", __name__)


def _load_event(event_id: int) -> Event:
    if event_id > queries.MAX_ID:
        abort(404)
    return db.first_or_404(
        db.select(Event)
        .where(Event.id == event_id, Event.kind == EventKind.LISTENING_SESSION.value)
        .options(joinedload(Event.organization), selectinload(Event.policies))
    )


def _status() -> int:
    return 400 if request.method == "POST" else 200


# Creating and editing -------------------------------------------------------------------------


@bp.route("/organizations/<slug>/events/new", methods=["GET", "POST"])
@guarded
def new(slug: str):
    organization = db.first_or_404(queries.organization_by_slug(slug))
    if not organization.is_verified and can(current_user, "org:member", organization):
        return render_error(
            403,
            _l("Your organization is not verified yet"),
            _l("You can post sessions as soon as city staff verify the organization."),
        )
    ensure("event:create", organization)
    form = SessionForm()
    if request.method == "GET":
        form.in_person.data = True
        form.languages.data = ["en"]
    if form.validate_on_submit():
        try:
            event = services.create_session(current_user, organization, form.session_data())
        except services.EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Your session is posted. People can sign up from this page now."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template(
        "events/session_form.html", form=form, organization=organization, event=None
    ), _status()


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@guarded
def edit(event_id: int):
    event = _load_event(event_id)
    ensure("event:manage", event)
    form = SessionForm()
    if request.method == "GET":
        form.fill_from(event)
    if form.validate_on_submit():
        try:
            changed = services.update_session(current_user, event, form.session_data())
        except services.EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_edit_message(changed), "success" if changed else "info")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template(
        "events/session_form.html", form=form, organization=event.organization, event=event
    ), _status()


def _edit_message(changed: list[str]) -> str:
    if not changed:
        return _("Nothing changed.")
    if any(name in services.sessions.TIME_AND_PLACE for name in changed):
        return _("Saved. Everyone signed up was emailed the new time or place.")
    return _("Saved.")


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
@guarded
def cancel(event_id: int):
    event = _load_event(event_id)
    ensure("event:manage", event)
    form = CancelSessionForm()
    if form.validate_on_submit():
        try:
            services.cancel_session(current_user, event, form.reason.data)
        except services.EventError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The session is cancelled. Everyone signed up was emailed."), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    counts = queries.seat_counts([event])[event.id]
    return render_template(
        "events/cancel_session.html", form=form, event=event, counts=counts
    ), _status()


# Attendees ------------------------------------------------------------------------------------


@bp.route("/events/<int:event_id>/attendees")
@guarded
def attendees(event_id: int):
    event = _load_event(event_id)
    ensure("event:attendees", event)
    people = queries.attendees(event)
    return render_template(
        "events/attendees.html",
        event=event,
        people=people,
        confirmed=[r for r in people if r.status == "confirmed"],
        waitlisted=[r for r in people if r.status == "waitlisted"],
        checked_in=sum(1 for r in people if r.checked_in_at),
        form=CheckInForm(),
        late_after=event.accommodation_deadline or event.starts_at,
    )


CSV_HEADER = (
    "name",
    "status",
    "waitlist_position",
    "signed_up_at",
    "interpreter_language",
    "asl",
    "cart",
    "other_request",
    "checked_in_at",
)


def _csv_rows(people: list[Registration]):
    position = 0
    for registration in people:
        waiting = registration.status == "waitlisted"
        position += waiting
        yield (
            registration.user.public_name or "",
            registration.status,
            position if waiting else "",
            registration.created_at.isoformat(),
            registration.interpretation_language or "",
            "yes" if registration.needs_asl else "",
            "yes" if registration.needs_cart else "",
            registration.accommodation_other,
            registration.checked_in_at.isoformat() if registration.checked_in_at else "",
        )


@bp.route("/events/<int:event_id>/attendees.csv")
@guarded
def attendees_csv(event_id: int):
    event = _load_event(event_id)
    ensure("event:attendees", event)
    stamp = utcnow().strftime("%Y%m%d")
    return csv_response(
        f"session-{event.id}-attendees-{stamp}.csv", CSV_HEADER, _csv_rows(queries.attendees(event))
    )


@bp.route("/events/<int:event_id>/attendees/<int:registration_id>/check-in", methods=["POST"])
@guarded
def check_in(event_id: int, registration_id: int):
    event = _load_event(event_id)
    ensure("event:attendees", event)
    if registration_id > queries.MAX_ID:
        abort(404)
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != event.id:
        abort(404)
    form = CheckInForm()
    present = form.present.data != "0"
    try:
        services.check_in(current_user, registration, present)
    except services.EventError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        name = registration.user.public_name or _("Someone")
        message = (
            _("%(name)s is checked in.", name=name)
            if present
            else _("%(name)s is no longer checked in.", name=name)
        )
        flash(message, "success")
    return redirect(url_for(".attendees", event_id=event.id, _anchor=f"attendee-{registration.id}"))
