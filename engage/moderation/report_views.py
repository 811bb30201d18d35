"""The public moderation report: monthly totals, appeals, time to a decision."""

from flask import render_template

from engage.moderation.blueprint import bp
from engage.moderation.report import (
    ACTION_LABELS,
    duration_label,
    moderation_report,
    month_label,
)
from engage.permissions import public


@bp.route("/moderation/report")
@public
def report():
    return render_template(
        "moderation/report.html",
        report=moderation_report(),
        action_labels=ACTION_LABELS,
        duration_label=duration_label,
        month_label=month_label,
    )
