"""Appeals: an author asks once; a different moderator decides."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.appeal_forms import AppealDecisionForm, AppealForm
from engage.moderation.blueprint import bp
from engage.moderation.models import Appeal, AppealOutcome, Decision
from engage.moderation.report import reason_titles
from engage.moderation.services import appeals
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import guideline_title
from engage.permissions import ensure, guarded, require
from engage.web import page_number


def _status() -> int:
    return 400 if request.method == "POST" else 200


# The author ----------------------------------------------------------------------------------


@bp.route("/moderation/decisions/<int:decision_id>/appeal", methods=["GET", "POST"])
@guarded
def appeal(decision_id: int):
    decision = db.get_or_404(Decision, decision_id)
    # Only decisions that took something away are appealed; the others (locks, approvals)
    # may carry internal notes the author must not read.
    if decision.comment is None or decision.action not in appeals.APPEALABLE:
        abort(404)
    ensure("decision:appeal", decision)
    form = AppealForm()
    refusal = appeals.appeal_refusal(current_user, decision)
    if refusal is None and form.validate_on_submit():
        try:
            appeals.file_appeal(current_user, decision, form.body.data)
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(
                _("Your appeal is filed. Another moderator will review it; we will email you."),
                "success",
            )
            return redirect(url_for("moderation.appeal", decision_id=decision.id))
    elif refusal is not None and request.method == "POST":
        form.form_errors.append(str(refusal))
    return render_template(
        "moderation/appeal.html",
        decision=decision,
        form=form,
        refusal=refusal,
        filed=appeals.appeal_of(decision),
        guideline=guideline_title(decision.guideline_key),
    ), _status()


# Moderators ----------------------------------------------------------------------------------


@bp.route("/moderation/appeals", endpoint="appeals")
@require("moderation:access")
def appeals_list():
    state = "decided" if request.args.get("state") == "decided" else "pending"
    pager = db.paginate(appeals.appeals_statement(state), page=page_number(), per_page=50)
    return render_template(
        "moderation/appeals.html",
        pager=pager,
        state=state,
        refusals={a.id: appeals.decide_refusal(current_user, a) for a in pager.items},
        titles=reason_titles(),
    )


@bp.route("/moderation/appeals/<int:appeal_id>", methods=["GET", "POST"])
@guarded
def appeal_decide(appeal_id: int):
    appeal = db.get_or_404(Appeal, appeal_id)
    ensure("moderation:access")
    refusal = appeals.decide_refusal(current_user, appeal)
    if request.method == "POST" and refusal is not None and refusal.code != "already":
        abort(403)
    form = AppealDecisionForm()
    if refusal is None and form.validate_on_submit():
        try:
            appeals.decide_appeal(current_user, appeal, form.outcome.data, form.note.data or "")
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_decided_message(appeal), "success")
            return redirect(url_for("moderation.appeals"))
    elif refusal is not None and request.method == "POST":
        form.form_errors.append(str(refusal))
    return render_template(
        "moderation/appeal_decide.html",
        appeal=appeal,
        form=form,
        refusal=refusal,
        guideline=guideline_title(appeal.decision.guideline_key),
    ), _status()


def _decided_message(appeal: Appeal) -> str:
    if appeal.outcome == AppealOutcome.REVERSED:
        return _("Appeal decided: the decision is reversed and the comment restored.")
    return _("Appeal decided: the decision stands.")
