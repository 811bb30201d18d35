"""The board itself: seats, members and terms, meetings with agendas and minutes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from engage import reference
from engage.board import board_queries, board_services, packet
from engage.board.blueprint import bp
from engage.board.board_forms import ConfirmForm, MeetingForm, MemberForm, SeatForm
from engage.board.models import BoardMeeting, BoardMember, BoardSeat
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import public, require
from engage.types import utcnow

# Public pages ----------------------------------------------------------------------------


@bp.route("/board/about")
@public
def about():
    upcoming, past = board_queries.meetings()
    return render_template(
        "board/about.html",
        seats=board_queries.seats(),
        upcoming=upcoming,
        past_meetings=past,
        years=packet.packet_years(),
    )


@bp.route("/board/meetings/<int:meeting_id>")
@public
def meeting(meeting_id: int):
    shown = db.get_or_404(BoardMeeting, meeting_id)
    return render_template("board/meeting.html", meeting=shown, upcoming=shown.starts_at > utcnow())


# Staff: seats, members, meetings ---------------------------------------------------------


@bp.route("/staff/board")
@require("board:manage")
def manage():
    upcoming, past = board_queries.meetings()
    return render_template(
        "board/manage.html",
        seats=board_queries.seats(),
        meetings=upcoming + past,
        city_seats=reference.board_seats(),
        form=ConfirmForm(),
    )


@bp.route("/staff/board/seats/load", methods=["POST"])
@require("board:manage")
def load_seats():
    if ConfirmForm().validate_on_submit():
        added = board_services.load_seats(current_user)
        db.session.commit()
        message = ngettext("%(num)d seat added.", "%(num)d seats added.", added)
        flash(message if added else _("Every seat on the city's list is already here."), "success")
    return redirect(url_for(".manage"))


def _save(form, service, template: str, done: str, target=None, **context):
    """Validate `form` and call `service`; on success commit and go back to /staff/board."""
    if form.validate_on_submit():
        try:
            service(current_user, form.to_data(), target)
        except board_services.BoardError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for(".manage"))
    return render_template(template, form=form, **context), 400 if form.errors else 200


@bp.route("/staff/board/seats/new", methods=["GET", "POST"])
@require("board:manage")
def new_seat():
    done = _("The seat is added.")
    return _save(SeatForm(), board_services.save_seat, "board/manage_seat.html", done)


@bp.route("/staff/board/seats/<int:seat_id>/edit", methods=["GET", "POST"])
@require("board:manage")
def edit_seat(seat_id: int):
    seat = db.get_or_404(BoardSeat, seat_id)
    form, done = SeatForm(obj=seat), _("The seat is saved.")
    return _save(form, board_services.save_seat, "board/manage_seat.html", done, seat, seat=seat)


@bp.route("/staff/board/members/new", methods=["GET", "POST"])
@require("board:manage")
def new_member():
    form, done = MemberForm(), _("The member is added.")
    if request.method == "GET" and request.args.get("seat", "").isdigit():
        form.seat_id.data = int(request.args["seat"])
    return _save(form, board_services.save_member, "board/manage_member.html", done)


@bp.route("/staff/board/members/<int:member_id>/edit", methods=["GET", "POST"])
@require("board:manage")
def edit_member(member_id: int):
    member = db.get_or_404(BoardMember, member_id)
    form, done = MemberForm(member=member), _("The member is saved.")
    template = "board/manage_member.html"
    return _save(form, board_services.save_member, template, done, member, member=member)


@bp.route("/staff/board/meetings/new", methods=["GET", "POST"])
@require("board:manage")
def new_meeting():
    done = _("The meeting is added.")
    return _save(MeetingForm(), board_services.save_meeting, "board/manage_meeting.html", done)


@bp.route("/staff/board/meetings/<int:board_meeting_id>/edit", methods=["GET", "POST"])
@require("board:manage")
def edit_meeting(board_meeting_id: int):
    shown = db.get_or_404(BoardMeeting, board_meeting_id)
    form, done = MeetingForm(meeting=shown), _("The meeting is saved.")
    template = "board/manage_meeting.html"
    return _save(form, board_services.save_meeting, template, done, shown, meeting=shown)
