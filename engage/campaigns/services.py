"""Campaigns: comments grouped as they arrive, moderated as one, a copy pulled out for good.

Grouping runs for every new comment (web or offline: signals.comment_posted) and again when
its author edits it; see grouping.py for the rule and fingerprints.py for the method.
"""

import numpy as np
from flask_babel import gettext as _
from sqlalchemy import func, insert, select

from engage import audit, signals
from engage.campaigns.diffs import copy_differences  # noqa: F401 (the moderation interface)
from engage.campaigns.fingerprints import fingerprint, signature_bytes, signature_from, similarity
from engage.campaigns.grouping import place
from engage.campaigns.models import Campaign, CampaignBandKey, CampaignSignature
from engage.campaigns.store import PolicyIndex, join, leave
from engage.comments.models import Comment, Flag
from engage.extensions import db
from engage.moderation.models import Action
from engage.moderation.services.decisions import decide, valid_actions
from engage.moderation.services.errors import ModerationError
from engage.permissions import can, has_conflict
from engage.types import utcnow

# The representative is chosen again while a campaign is small, then at each doubling.
REFRESH_UP_TO = 32
# The most central copy is sought among this many members, evenly spread (a 20,000-copy
# campaign is not compared pairwise).
CENTRALITY_SAMPLE = 200
# What a moderator does with a whole campaign (single copies get the other actions).
CAMPAIGN_ACTIONS = (Action.APPROVE, Action.HIDE)


def connect() -> None:
    """Group every comment as it is posted, and again after its author edits it."""
    signals.comment_posted.connect(_on_posted)
    signals.comment_changed.connect(_on_changed)


def _on_posted(comment: Comment, **_extra) -> None:
    ensure_grouped(comment)


def _on_changed(comment: Comment, **_extra) -> None:
    if comment.edited_at is not None:
        regroup_if_edited(comment)


def ensure_grouped(comment: Comment) -> Campaign | None:
    """Group `comment` with its copies, once (a second call changes nothing); its campaign."""
    if db.session.get(CampaignSignature, comment.id) is not None:
        return _campaign_of(comment)
    if comment.is_official_response:
        db.session.add(CampaignSignature(comment_id=comment.id, policy_id=comment.policy_id))
        db.session.flush()
        return None
    fp = fingerprint(comment.body_md)
    placement = place(PolicyIndex(comment.policy_id), fp)
    indexed = fp.groups and not placement.exact_copy
    db.session.add(
        CampaignSignature(
            comment_id=comment.id,
            policy_id=comment.policy_id,
            exact_key=fp.exact_key,
            signature=signature_bytes(fp.signature) if fp.signature is not None else None,
            shingle_count=fp.size,
            indexed=indexed,
        )
    )
    if indexed and placement.store_keys:
        rows = [{"comment_id": comment.id, "key": key, "policy_id": comment.policy_id}
                for key in placement.store_keys]  # fmt: skip
        db.session.execute(insert(CampaignBandKey), rows)
    campaign, changed = join(comment, placement.groups)
    if campaign is not None and (changed or _due_for_refresh(campaign)):
        refresh_representative(campaign)
    db.session.flush()
    return campaign


def _campaign_of(comment: Comment) -> Campaign | None:
    return db.session.get(Campaign, comment.campaign_id) if comment.campaign_id else None


def regroup_if_edited(comment: Comment) -> Campaign | None:
    """Group `comment` again if its text changed since it was grouped (not once pulled out)."""
    row = db.session.get(CampaignSignature, comment.id)
    if row is None:
        return ensure_grouped(comment)
    if row.pulled_out_at is not None or comment.edited_at <= row.grouped_at:
        return _campaign_of(comment)
    left = leave(comment, row)
    db.session.delete(row)
    db.session.flush()
    if left is not None and left.representative_comment_id is None:
        refresh_representative(left)
    return ensure_grouped(comment)


def matching_campaign(text: str, policy) -> Campaign | None:
    """The campaign `text` would join on `policy` (the largest, if it would bridge several)."""
    placement = place(PolicyIndex(policy.id), fingerprint(text))
    ids = [ref for kind, ref in placement.groups if kind == "campaign"]
    if not ids:
        return None
    statement = select(Campaign).where(Campaign.id.in_(ids)).order_by(Campaign.size.desc())
    return db.session.scalar(statement.limit(1))


# Representative -----------------------------------------------------------------------------


def _due_for_refresh(campaign: Campaign) -> bool:
    size = campaign.size
    return (
        campaign.representative_comment_id is None
        or size <= REFRESH_UP_TO
        or size & (size - 1) == 0
    )


def _sample(ids: list[int]) -> list[int]:
    if len(ids) <= CENTRALITY_SAMPLE:
        return ids
    step = len(ids) / CENTRALITY_SAMPLE
    return [ids[int(i * step)] for i in range(CENTRALITY_SAMPLE)]


def refresh_representative(campaign: Campaign) -> None:
    """Show the most central copy: the member most similar, on average, to the others."""
    ids = list(
        db.session.scalars(
            select(Comment.id).where(Comment.campaign_id == campaign.id).order_by(Comment.id)
        )
    )
    sample = _sample(ids)
    rows = db.session.execute(
        select(CampaignSignature.comment_id, CampaignSignature.signature).where(
            CampaignSignature.comment_id.in_(sample), CampaignSignature.signature.is_not(None)
        )
    ).all()
    if len(rows) < len(sample) or not rows:  # short texts: every copy is the same text
        campaign.representative_comment_id = ids[0] if ids else None
        return
    rows.sort()
    signatures = np.stack([signature_from(data) for _ref, data in rows])
    centrality = [similarity(signature, signatures).sum() for signature in signatures]
    campaign.representative_comment_id = rows[int(np.argmax(centrality))][0]


# Reading ------------------------------------------------------------------------------------


def campaign_members(campaign: Campaign, statuses=None) -> list[Comment]:
    """The campaign's comments, oldest first; only those in `statuses` when given."""
    statement = select(Comment).where(Comment.campaign_id == campaign.id)
    if statuses:
        statement = statement.where(Comment.status.in_([str(s) for s in statuses]))
    return list(db.session.scalars(statement.order_by(Comment.id)))


def status_counts(campaign: Campaign) -> dict[str, int]:
    """How many members the campaign has in each status."""
    rows = db.session.execute(
        select(Comment.status, func.count(Comment.id))
        .where(Comment.campaign_id == campaign.id)
        .group_by(Comment.status)
    )
    return dict(rows.all())


# Moderating ---------------------------------------------------------------------------------


def _check_may_moderate(moderator, campaign: Campaign) -> None:
    if has_conflict(moderator, campaign):
        raise ModerationError(
            _(
                "You work for the department that owns this policy, so another moderator must "
                "decide. Nothing was changed."
            ),
            code="conflict",
        )
    if not can(moderator, "campaign:moderate", campaign):
        raise ModerationError(_("Only moderators can change a campaign."), code="forbidden")


def copies_to_decide(campaign: Campaign, action) -> list[Comment]:
    """The copies `action` would change now (approve: held or flagged; hide: held or shown)."""
    members = campaign_members(campaign)
    flagged = set(
        db.session.scalars(
            select(Flag.comment_id)
            .join(Comment, Comment.id == Flag.comment_id)
            .where(Comment.campaign_id == campaign.id, Flag.resolved_at.is_(None))
        )
    )
    return [c for c in members if action in valid_actions(c, c.id in flagged)]


def decide_campaign(moderator, campaign: Campaign, action, guideline_key: str, note: str = ""):
    """Approve or hide every copy the action applies to, as one decision per copy."""
    _check_may_moderate(moderator, campaign)
    try:
        action = Action(action)
    except ValueError:
        action = None
    if action not in CAMPAIGN_ACTIONS:
        raise ModerationError(_("Choose to approve or hide the campaign."), "action", "action")
    copies = copies_to_decide(campaign, action)
    if not copies:
        raise ModerationError(
            _("No copy of this campaign can be changed that way now. Nothing was changed."),
            "action",
            "already",
        )
    return decide(moderator, copies, action, guideline_key, note, campaign=campaign)


def pull_out(moderator, comment: Comment) -> None:
    """Take one copy out of its campaign for good: it is moderated on its own from now on."""
    campaign = _campaign_of(comment)
    if campaign is None:
        raise ModerationError(
            _("Comment %(number)s is not part of a campaign.", number=comment.tracking_number),
            code="already",
        )
    _check_may_moderate(moderator, campaign)
    row = db.session.get(CampaignSignature, comment.id) or CampaignSignature(
        comment_id=comment.id, policy_id=comment.policy_id
    )
    db.session.add(row)
    leave(comment, row)
    row.pulled_out_at = utcnow()
    db.session.flush()
    if campaign.representative_comment_id is None:
        refresh_representative(campaign)
    audit.record(
        moderator,
        "campaign.pull_out",
        campaign,
        summary=f"{comment.tracking_number} pulled out of campaign {campaign.id}",
        detail={"comment_id": comment.id, "size": campaign.size},
    )
    db.session.flush()
    # The copy now counts as an individual voice: summaries and cached pages follow.
    signals.comment_changed.send(comment)
