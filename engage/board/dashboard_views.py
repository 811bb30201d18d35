"""The board's dashboard, a summary for the board, and the board's private notes."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.board import board_queries, board_services, packet
from engage.board.blueprint import bp
from engage.board.board_forms import NoteForm
from engage.board.models import Summary
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import require


@bp.route("/board")
@require("board:access")
def dashboard():
    visit = board_services.record_visit(current_user)
    since = visit.previous_visit_at
    page = render_template(
        "board/dashboard.html",
        since=since,
        rows=board_queries.summary_rows(since, current_user.id),
        deadlines=board_queries.deadlines(),
        years=packet.packet_years(),
        my_seat=board_queries.seat_of(current_user.id),
    )
    db.session.commit()
    return page


def _sent_summary(summary_id: int) -> Summary:
    return board_queries.sent_summary(summary_id) or abort(404)


def _render_summary(summary: Summary, form: NoteForm, status: int = 200):
    version = summary.latest_version
    page = render_template(
        "board/board_summary.html",
        summary=summary,
        policy=summary.policy,
        version=version,
        data=version.data or {},
        notes=board_queries.notes_on(summary),
        form=form,
    )
    return page, status


@bp.route("/board/summaries/<int:summary_id>")
@require("board:access")
def board_summary(summary_id: int):
    summary = _sent_summary(summary_id)
    board_services.record_visit(current_user)
    page = _render_summary(summary, NoteForm())
    db.session.commit()
    return page


@bp.route("/board/summaries/<int:summary_id>/notes", methods=["POST"])
@require("board:note")
def note(summary_id: int):
    summary = _sent_summary(summary_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            board_services.add_note(current_user, summary, form.body.data)
        except board_services.BoardError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Your note is saved. Only board members can read it."), "success")
            return redirect(url_for(".board_summary", summary_id=summary.id, _anchor="notes"))
    return _render_summary(summary, form, 400)
