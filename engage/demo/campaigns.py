"""Group the demo's comments into campaigns (the ALPR form letter among them).

Comments posted through the services are grouped as they arrive; this catches any that were
stored before grouping was switched on (an older database, a demo part that inserts rows
directly). Comments already grouped are left alone, so a second run adds nothing.
"""

from engage.campaigns.models import Campaign, CampaignSignature
from engage.campaigns.services import ensure_grouped
from engage.comments.models import Comment
from engage.extensions import db


def load_campaigns() -> list[str]:
    """Group every comment not grouped yet, oldest first; one line saying what was done."""
    waiting = db.session.scalars(
        db.select(Comment)
        .where(
            ~db.select(CampaignSignature.comment_id)
            .where(CampaignSignature.comment_id == Comment.id)
            .exists()
        )
        .order_by(Comment.id)
    ).all()
    for comment in waiting:
        ensure_grouped(comment)
    db.session.flush()
    campaigns = db.session.scalar(
        db.select(db.func.count()).select_from(Campaign).where(Campaign.size >= 2)
    )
    return [f"Campaigns: {len(waiting)} comments grouped now, {campaigns} campaigns in all"]
