"""Staff's summary workspace: open a summary, write the narrative, tag themes, publish."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.board import jobs, summaries, summary_queries
from engage.board import theme_views as _theme_views  # noqa: F401 - its routes join the blueprint
from engage.board.blueprint import bp
from engage.board.models import Summary
from engage.board.staff_forms import ConfirmForm, OpenSummaryForm, PublishForm, summary_form
from engage.board.summaries import SummaryError
from engage.extensions import db
from engage.forms import show_refusal
from engage.permissions import require
from engage.policies.models import CommentPeriod, Policy
from engage.web import page_number


def _summary_or_404(summary_id: int) -> Summary:
    return summary_queries.load_summary(summary_id) or abort(404)


# The list of comment periods ---------------------------------------------------------------


@bp.route("/staff/summaries", methods=["GET", "POST"])
@require("summary:edit")
def staff_summaries():
    """Every comment period with its summary's state; POST opens a period's summary."""
    if request.method == "POST":
        return _open_summary()
    slug = request.args.get("policy", "")
    policy = db.first_or_404(db.select(Policy).where(Policy.slug == slug)) if slug else None
    pager = summary_queries.period_rows(policy, page_number())
    return render_template(
        "board/staff_summaries.html",
        pager=pager,
        rows=summary_queries.rows_of(pager),
        policy=policy,
        form=OpenSummaryForm(),
    )


def _open_summary():
    form = OpenSummaryForm()
    if not form.validate_on_submit():
        abort(400)
    period = db.get_or_404(CommentPeriod, form.period_id.data)
    try:
        summary = summaries.open_summary(current_user, period)
    except SummaryError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".staff_summaries"))
    db.session.commit()
    return redirect(url_for(".staff_summary", summary_id=summary.id))


# The draft ---------------------------------------------------------------------------------


@bp.route("/staff/summaries/<int:summary_id>", methods=["GET", "POST"])
@require("summary:edit")
def staff_summary(summary_id: int):
    """The draft: its stored numbers, the narrative and "you said, we did"; POST saves it
    (or, with action=refresh, recomputes the numbers now)."""
    summary = _summary_or_404(summary_id)
    if request.method == "POST" and request.form.get("action") == "refresh":
        return _refresh(summary)
    themes = summaries.policy_themes(summary.policy_id)
    form = summary_form(summary, themes, request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        try:
            summaries.save_draft(current_user, summary, form.narrative.data, form.responses(themes))
        except SummaryError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("The draft is saved. Send it to the board when it is ready."), "success")
            return redirect(url_for(".staff_summary", summary_id=summary.id))
    status = 400 if request.method == "POST" else 200
    return _draft_page(summary, themes, form), status


def _draft_page(summary: Summary, themes, form):
    return render_template(
        "board/staff_summary.html",
        summary=summary,
        policy=summary.policy,
        period=summary.period,
        themes=themes,
        form=form,
        refresh_form=ConfirmForm(),
        data=summaries.draft_data(summary),
        narrative_html=summary.narrative_html,
        unchanged=summaries.unchanged_since_last(summary, summaries.draft_data(summary)),
    )


def _refresh(summary: Summary):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    jobs.refresh(summary)
    db.session.commit()
    flash(_("The numbers are computed again from the comments as they are now."), "success")
    return redirect(url_for(".staff_summary", summary_id=summary.id))


# Publishing --------------------------------------------------------------------------------


@bp.route("/staff/summaries/<int:summary_id>/publish", methods=["GET", "POST"])
@require("summary:publish")
def publish(summary_id: int):
    """Confirm, then freeze the draft as the next version and send it to the board."""
    summary = _summary_or_404(summary_id)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            version = summaries.publish_summary(current_user, summary, form.change_note.data)
        except SummaryError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "Version %(n)d is sent to the board, and the public summary shows it.",
                    n=version.number,
                ),
                "success",
            )
            return redirect(url_for(".staff_summary", summary_id=summary.id))
    page = render_template(
        "board/publish.html",
        summary=summary,
        policy=summary.policy,
        period=summary.period,
        form=form,
        number=summaries.next_number(summary),
        recipients=len(summaries.board_recipients()),
        responses=summaries.draft_responses(summary),
        unchanged=summaries.unchanged_since_last(summary, summaries.draft_data(summary)),
    )
    return page, 400 if request.method == "POST" else 200
