"""Public listening-session pages and sign-ups.

/events lists upcoming sessions (or past ones) with filters as a GET form; /events/<id> shows
a session and its sign-up form, which posts to /events/<id>/rsvp (sign up or cancel). The
meeting link of an online session is shown only to people holding a seat.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from engage.accounts.services import PERSONAL_DATA
from engage.accounts.views import ACCOUNT_PARTIALS
from engage.events import services
from engage.events import session_queries as queries
from engage.events.forms import SUPPORT_LABELS, CancelSignUpForm, SignUpForm
from engage.events.models import Event, EventKind, Registration, RegistrationStatus
from engage.events.services.registration import personal_sign_ups
from engage.extensions import db
from engage.formatting import format_date, format_time, language_name
from engage.forms import city_zone, show_refusal
from engage.permissions import can, ensure, guarded, public
from engage.templating import deadline_filter
from engage.web import page_number, safe_next

bp = Blueprint("events", __name__)

PER_PAGE = 12
ACCOUNT_PARTIAL = "events/_account_signups.html"
if ACCOUNT_PARTIAL not in ACCOUNT_PARTIALS:
    ACCOUNT_PARTIALS.append(ACCOUNT_PARTIAL)
EXPORT = ("listening_sessions", personal_sign_ups)
if EXPORT not in PERSONAL_DATA:
    PERSONAL_DATA.append(EXPORT)


# Helpers the templates use ---------------------------------------------------------------------


@bp.app_template_global()
def endpoint_exists(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


@bp.app_template_global()
def session_report_url(event: Event) -> str | None:
    """The public page of the session's report, once the reports blueprint serves one."""
    if event.report is None:
        return None
    for endpoint in ("event_reports.detail", "event_reports.report"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint, event_id=event.id)
    return None


@bp.app_template_global()
def policy_sessions(policy) -> dict:
    """Sessions about `policy` for its page: upcoming and past, with seat counts."""
    found = queries.sessions_about(policy)
    return found | {"counts": queries.seat_counts(found["upcoming"])}


@bp.app_template_global()
def account_signups(user) -> dict:
    """The person's sign-ups for /account: upcoming and past."""
    return queries.sign_ups_of(user)


@bp.app_template_global()
def interpretation_label(code: str) -> str:
    if code in SUPPORT_LABELS:
        return str(SUPPORT_LABELS[code])
    return language_name(code)


def _duration(minutes: int) -> str:
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _(
            "%(hours)s and %(minutes)s",
            hours=ngettext("%(num)d hour", "%(num)d hours", hours),
            minutes=ngettext("%(num)d minute", "%(num)d minutes", minutes),
        )
    if hours:
        return ngettext("%(num)d hour", "%(num)d hours", hours)
    return ngettext("%(num)d minute", "%(num)d minutes", minutes)


@bp.app_template_global()
def session_when(event: Event) -> str:
    """'Tuesday, March 10, 2026, 6:00 PM to 7:30 PM (1 hour and 30 minutes)', city time."""
    start, end = event.starts_at, event.ends_at
    minutes = int((end - start).total_seconds() // 60)
    zone = city_zone()
    same_day = start.astimezone(zone).date() == end.astimezone(zone).date()
    return _(
        "%(day)s, %(start)s to %(end)s (%(duration)s)",
        day=format_date(start, "full"),
        start=format_time(start, "short"),
        end=format_time(end, "short") if same_day else deadline_filter(end),
        duration=_duration(minutes),
    )


# The list -------------------------------------------------------------------------------------


@bp.route("/events")
@public
def index():
    filters = queries.parse_filters(request.args)
    pager = db.paginate(
        queries.listing_statement(filters), page=page_number(), per_page=PER_PAGE, error_out=False
    )
    return render_template(
        "events/index.html",
        pager=pager,
        filters=filters,
        choices=queries.filter_choices(),
        counts=queries.seat_counts(pager.items),
    )


# One session ----------------------------------------------------------------------------------


def _load(event_id: int) -> Event:
    """A session the visitor may see: public ones, or any its organizers run."""
    if event_id > queries.MAX_ID:
        abort(404)
    event = db.first_or_404(
        db.select(Event)
        .where(Event.id == event_id, Event.kind == EventKind.LISTENING_SESSION.value)
        .options(joinedload(Event.organization), selectinload(Event.policies))
    )
    visible = event.organization is not None and event.organization.is_verified
    if not visible and not can(current_user, "event:manage", event):
        abort(404)
    return event


def _page(event: Event, form: SignUpForm | None = None, status: int = 200):
    registration = services.registration_for(current_user, event)
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    counts = queries.seat_counts([event])[event.id]
    seats_left = None if event.capacity is None else max(event.capacity - counts["confirmed"], 0)
    page = render_template(
        "events/detail.html",
        event=event,
        counts=counts,
        seats_left=seats_left,
        registration=registration,
        position=services.waitlist_position(registration) if registration else None,
        problem=services.sign_up_problem(event),
        accommodations_open=services.accommodations_open(event),
        form=form or SignUpForm(),
    )
    return page, status


@bp.route("/events/<int:event_id>")
@public
def detail(event_id: int):
    return _page(_load(event_id))


@bp.route("/events/<int:event_id>/rsvp", methods=["POST"])
@guarded
def rsvp(event_id: int):
    event = _load(event_id)
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=url_for(".detail", event_id=event.id)))
    ensure("event:rsvp", event)
    if request.form.get("action") == "cancel":
        return _cancel(event)
    return _sign_up(event)


def _requests(form: SignUpForm) -> services.Accommodations:
    return services.Accommodations(
        interpretation_language=form.interpretation_language.data or None,
        needs_asl=form.needs_asl.data,
        needs_cart=form.needs_cart.data,
        other=form.accommodation_other.data or "",
    )


def _sign_up(event: Event):
    form = SignUpForm()
    if not form.validate_on_submit():
        return _page(event, form, 400)
    try:
        registration = services.sign_up(
            current_user, event, _requests(form), waitlist=form.join_waitlist.data
        )
    except services.EventError as error:
        db.session.rollback()
        show_refusal(form, error)
        return _page(event, form, 400)
    db.session.commit()
    flash(_signed_up_message(registration), "success")
    return redirect(url_for(".detail", event_id=event.id, _anchor="your-place"))


def _signed_up_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITLISTED:
        return _(
            "You are on the waitlist. If a seat frees up, it goes to the first person on the "
            "list and we email %(email)s.",
            email=current_user.email,
        )
    return _(
        "You are signed up. We emailed your confirmation and a calendar file to %(email)s.",
        email=current_user.email,
    )


def _registration_to_cancel(event: Event) -> Registration:
    chosen = request.form.get("registration", "").strip()
    if chosen:
        number = int(chosen) if chosen.isdigit() else 0
        registration = db.get_or_404(Registration, number if number <= queries.MAX_ID else 0)
    else:
        registration = services.registration_for(current_user, event)
    if registration is None or registration.event_id != event.id:
        abort(404)
    # A sign-up belongs to its account: only that account may give it up.
    ensure("account:edit", registration.user)
    return registration


def _cancel(event: Event):
    registration = _registration_to_cancel(event)
    try:
        services.cancel_sign_up(current_user, registration)
    except services.EventError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".detail", event_id=event.id))
    db.session.commit()
    flash(_("Your sign-up is cancelled. Thank you for freeing your seat."), "success")
    if request.form.get("next"):
        return redirect(safe_next())
    return redirect(url_for(".detail", event_id=event.id))


@bp.route("/events/<int:event_id>/rsvp/cancel")
@guarded
def confirm_cancel(event_id: int):
    """The separate page that confirms giving up a seat (works without JavaScript)."""
    event = _load(event_id)
    ensure("event:rsvp", event)
    registration = services.registration_for(current_user, event)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        flash(_("You are not signed up for this session."), "info")
        return redirect(url_for(".detail", event_id=event.id))
    return render_template(
        "events/cancel_sign_up.html",
        event=event,
        registration=registration,
        form=CancelSignUpForm(registration=str(registration.id)),
    )
