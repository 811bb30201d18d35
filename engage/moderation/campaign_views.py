"""A campaign as one moderation item: its copies, how they differ, actions on them all."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from engage.campaigns import queries
from engage.campaigns.diffs import differences
from engage.campaigns.forms import CampaignDecideForm, PullOutForm
from engage.campaigns.models import Campaign
from engage.campaigns.services import (
    CAMPAIGN_ACTIONS,
    decide_campaign,
    pull_out,
    status_counts,
)
from engage.comments.models import Comment
from engage.errors import render_error
from engage.extensions import db
from engage.forms import show_refusal
from engage.moderation.blueprint import bp
from engage.moderation.queue_forms import ACTION_LABELS, STATUS_LABELS
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import guideline_title
from engage.permissions import can, ensure, guarded, has_conflict, require
from engage.web import page_number

COPIES_PER_PAGE = 20


@bp.route("/moderation/campaigns/<int:campaign_id>")
@require("moderation:access")
def campaign(campaign_id: int):
    found = db.get_or_404(Campaign, campaign_id)
    return _render_campaign(found, CampaignDecideForm())


def _render_campaign(campaign: Campaign, form: CampaignDecideForm, status: int = 200):
    waiting = queries.decidable_counts(campaign)
    form.set_choices([action for action in CAMPAIGN_ACTIONS if waiting[action]])
    pager = queries.copies_page(campaign, page_number(), COPIES_PER_PAGE)
    return render_template(
        "moderation/campaign.html",
        campaign=campaign,
        representative=campaign.representative,
        counts=status_counts(campaign),
        waiting=waiting,
        copies=differences(campaign, list(pager.items)),
        pager=pager,
        form=form,
        conflict=has_conflict(current_user, campaign),
        may_decide=can(current_user, "campaign:moderate", campaign),
        statuses=STATUS_LABELS,
        actions=ACTION_LABELS,
    ), status


def _refuse_conflict(campaign: Campaign) -> None:
    """Say plainly why a moderator may not act on their own department's policy."""
    if can(current_user, "moderation:access") and has_conflict(current_user, campaign):
        message = _(
            "You work for the department that owns this policy, so another moderator must "
            "decide on its comments. Nothing was changed."
        )
        abort(make_response(render_error(403, _("Conflict of interest"), message)))


@bp.route("/moderation/campaigns/<int:campaign_id>/decide", methods=["POST"])
@guarded
def campaign_decide(campaign_id: int):
    found = db.get_or_404(Campaign, campaign_id)
    _refuse_conflict(found)
    ensure("campaign:moderate", found)
    form = CampaignDecideForm()
    form.set_choices(CAMPAIGN_ACTIONS)
    if form.validate_on_submit():
        try:
            decisions = decide_campaign(
                current_user, found, form.action.data, form.guideline.data, form.note.data
            )
        except ModerationError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_decided_message(decisions), "success")
            return redirect(url_for("moderation.campaign", campaign_id=found.id))
    return _render_campaign(found, form, 400)


def _decided_message(decisions) -> str:
    return ngettext(
        "%(action)s: %(num)d copy of the campaign (reason: %(reason)s).",
        "%(action)s: %(num)d copies of the campaign (reason: %(reason)s).",
        len(decisions),
        action=ACTION_LABELS[decisions[0].action],
        reason=guideline_title(decisions[0].guideline_key),
    )


@bp.route(
    "/moderation/campaigns/<int:campaign_id>/pull-out/<int:comment_id>", methods=["GET", "POST"]
)
@guarded
def campaign_pull_out(campaign_id: int, comment_id: int):
    found = db.get_or_404(Campaign, campaign_id)
    comment = db.get_or_404(Comment, comment_id)
    _refuse_conflict(found)
    ensure("campaign:moderate", found)
    back = url_for("moderation.campaign", campaign_id=found.id)
    if comment.campaign_id != found.id:
        flash(
            _("Comment %(number)s is not part of this campaign.", number=comment.tracking_number),
            "error",
        )
        return redirect(back)
    form = PullOutForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            pull_out(current_user, comment)
        except ModerationError as error:
            db.session.rollback()
            flash(str(error), "error")
            return redirect(back)
        db.session.commit()
        flash(
            _(
                "Comment %(number)s is out of the campaign for good: it is moderated on its own.",
                number=comment.tracking_number,
            ),
            "success",
        )
        return redirect(back)
    return render_template(
        "moderation/campaign_pull_out.html", campaign=found, comment=comment, form=form
    )
