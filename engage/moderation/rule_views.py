"""The screening rules, edited by admins."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.extensions import db
from engage.forms import EngageForm, show_refusal
from engage.moderation.blueprint import bp
from engage.moderation.models import ModerationRule
from engage.moderation.rule_forms import rule_form
from engage.moderation.services import rules as service
from engage.moderation.services.errors import ModerationError
from engage.permissions import require


@bp.route("/moderation/rules")
@require("moderation:rules")
def rules():
    return render_template(
        "moderation/rules.html",
        rules=service.all_rules(),
        kind_labels=service.KIND_LABELS,
        settings=service.SETTINGS,
        waiting=service.waiting_counts(),
        create_form=EngageForm(),
    )


@bp.route("/moderation/rules/defaults", methods=["POST"])
@require("moderation:rules")
def create_default_rules():
    if EngageForm().validate_on_submit():
        service.default_rules(current_user)
        db.session.commit()
        flash(_("The default screening rules are in place."), "success")
    return redirect(url_for("moderation.rules"))


@bp.route("/moderation/rules/<int:rule_id>", methods=["GET", "POST"])
@require("moderation:rules")
def edit_rule(rule_id: int):
    rule = db.get_or_404(ModerationRule, rule_id)
    form = rule_form(rule)
    if form.validate_on_submit():
        try:
            service.update_rule(current_user, rule, form.enabled.data, form.params())
        except ModerationError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Saved the rule “%(name)s”.", name=rule.name), "success")
            return redirect(url_for("moderation.rules"))
    return render_template(
        "moderation/rule_edit.html",
        rule=rule,
        form=form,
        kind_label=service.KIND_LABELS.get(rule.kind, rule.kind),
    ), _status()


def _status() -> int:
    """A page shown again after a POST is a refused submission."""
    return 400 if request.method == "POST" else 200
