"""Suspending and restoring accounts: suspended accounts can read, not post."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.accounts.models import User
from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.account_forms import LiftForm, SuspendForm
from engage.moderation.blueprint import bp
from engage.moderation.models import Suspension
from engage.moderation.report import reason_titles
from engage.moderation.services import suspensions
from engage.moderation.services.errors import ModerationError
from engage.permissions import require


def _suspend_page(user: User, form: SuspendForm, lift_form: LiftForm | None = None):
    status = 400 if request.method == "POST" else 200
    return render_template(
        "moderation/suspend.html",
        subject=user,
        form=form,
        lift_form=lift_form or LiftForm(),
        current=suspensions.active_suspension(user),
        history=suspensions.suspensions_of(user),
        counts=suspensions.account_counts(user),
        titles=reason_titles(),
    ), status


@bp.route("/moderation/users/<int:user_id>/suspend", methods=["GET", "POST"])
@require("account:suspend")
def suspend(user_id: int):
    user = db.get_or_404(User, user_id)
    form = SuspendForm()
    if form.validate_on_submit():
        try:
            suspension = suspensions.suspend(
                current_user,
                user,
                form.guideline_key.data,
                form.note.data or "",
                form.suspended_days(),
            )
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_suspended_message(user, suspension), "success")
            return redirect(url_for("moderation.suspend", user_id=user.id))
    return _suspend_page(user, form)


def _suspended_message(user: User, suspension: Suspension) -> str:
    name = user.display_name or _("this account")
    if suspension.ends_at is None:
        return _("%(name)s is suspended permanently. We emailed them why.", name=name)
    return _("%(name)s is suspended; we emailed them why and until when.", name=name)


@bp.route("/moderation/suspensions/<int:suspension_id>/lift", methods=["POST"])
@require("account:suspend")
def lift(suspension_id: int):
    suspension = db.get_or_404(Suspension, suspension_id)
    form = LiftForm()
    if not form.validate_on_submit():
        return _suspend_page(suspension.user, SuspendForm(formdata=None), form)
    try:
        suspensions.lift(current_user, suspension, form.note.data or "")
    except ModerationError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("The suspension is lifted: the account can post again."), "success")
    return redirect(url_for("moderation.suspend", user_id=suspension.user_id))


@bp.route("/moderation/suspensions", endpoint="suspensions")
@require("account:suspend")
def suspensions_list():
    return render_template(
        "moderation/suspensions.html",
        current=suspensions.current_suspensions(),
        titles=reason_titles(),
    )
