"""The grouping index in the database: a policy's signatures and band keys, read by indexed
queries (never a scan of the policy's comments), and the campaigns comments join and leave."""

from collections.abc import Iterable

import numpy as np
from sqlalchemy import delete, select, update

from engage import audit
from engage.campaigns.fingerprints import NUM_PERM, signature_from
from engage.campaigns.grouping import BucketEntry, Group, Signatures
from engage.campaigns.models import Campaign, CampaignBandKey, CampaignSignature
from engage.comments.models import Comment
from engage.extensions import db

# Each key lookup is one indexed range; SQLite allows 32,766 bound parameters per statement.
_MAX_IN = 500


def _batches(values: list, size: int = _MAX_IN):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class PolicyIndex:
    """The `grouping.Index` of one policy, read from campaign_signatures and campaign_band_keys.

    A group is ("campaign", id) for a comment in a campaign, ("comment", id) for one alone.
    """

    def __init__(self, policy_id: int):
        self.policy_id = policy_id

    def exact_holder(self, exact_key: int) -> int | None:
        return db.session.scalar(
            select(CampaignSignature.comment_id)
            .where(
                CampaignSignature.policy_id == self.policy_id,
                CampaignSignature.exact_key == exact_key,
                CampaignSignature.indexed.is_(True),
            )
            .order_by(CampaignSignature.comment_id)
            .limit(1)
        )

    def bucket_statement(self, keys: list[int]):
        """The texts stored under `keys`: one range of ix_campaign_band_keys_lookup per key."""
        return select(CampaignBandKey.key, CampaignBandKey.comment_id).where(
            CampaignBandKey.policy_id == self.policy_id, CampaignBandKey.key.in_(keys)
        )

    def bucket_entries(self, keys: tuple[int, ...]) -> list[BucketEntry]:
        entries = []
        for batch in _batches(list(dict.fromkeys(keys))):
            entries += [(key, ref) for key, ref in db.session.execute(self.bucket_statement(batch))]
        return entries

    def groups_of(self, refs: Iterable[int]) -> dict[int, Group]:
        groups = {}
        for batch in _batches(sorted(set(refs))):
            rows = db.session.execute(
                select(Comment.id, Comment.campaign_id).where(Comment.id.in_(batch))
            )
            groups.update(
                (ref, ("campaign", campaign) if campaign else ("comment", ref))
                for ref, campaign in rows
            )
        return groups

    def signatures_of(self, refs: list[int]) -> Signatures:
        rows = []
        for batch in _batches(refs):
            rows += db.session.execute(
                select(
                    CampaignSignature.comment_id,
                    CampaignSignature.signature,
                    CampaignSignature.shingle_count,
                ).where(
                    CampaignSignature.comment_id.in_(batch),
                    CampaignSignature.signature.is_not(None),
                )
            ).all()
        rows.sort()
        matrix = np.array([signature_from(data) for _ref, data, _size in rows], dtype=np.uint32)
        return Signatures(
            [ref for ref, _data, _size in rows],
            matrix.reshape(len(rows), NUM_PERM),
            np.array([size for _ref, _data, size in rows], dtype=np.int64),
        )


# Joining ------------------------------------------------------------------------------------


def _expire_campaign_ids(moved) -> None:
    """Make loaded comments read their campaign again after a bulk UPDATE moved them.

    (The ORM's synchronisation skips an attribute that was never loaded, and a comment
    inserted without a campaign then keeps reading None.)
    """
    for instance in list(db.session.identity_map.values()):
        if isinstance(instance, Comment) and moved(instance):
            db.session.expire(instance, ["campaign_id"])


def _set_campaign(comment_ids: list[int], campaign_id: int) -> None:
    for batch in _batches(comment_ids):
        db.session.execute(
            update(Comment).where(Comment.id.in_(batch)).values(campaign_id=campaign_id)
        )
    ids = set(comment_ids)
    _expire_campaign_ids(lambda comment: comment.id in ids)


def _merge(target: Campaign, others: list[Campaign]) -> None:
    """Move every member of `others` into `target`; the emptied campaigns are deleted."""
    for other in others:
        db.session.execute(
            update(Comment).where(Comment.campaign_id == other.id).values(campaign_id=target.id)
        )
        old = other.id
        _expire_campaign_ids(lambda comment, old=old: comment.__dict__.get("campaign_id") == old)
        target.size += other.size
        audit.record(
            None,
            "campaign.merged",
            other,
            summary=f"campaign {other.id} joined campaign {target.id}",
            detail={"into": target.id, "size": other.size},
        )
        db.session.delete(other)


def join(comment: Comment, groups: list[Group]) -> tuple[Campaign | None, bool]:
    """Put `comment` in one campaign with `groups`; return it and whether it is new or merged."""
    campaign_ids = sorted(ref for kind, ref in groups if kind == "campaign")
    alone = sorted(ref for kind, ref in groups if kind == "comment")
    if not campaign_ids and not alone:
        return None, False
    campaigns = list(db.session.scalars(select(Campaign).where(Campaign.id.in_(campaign_ids))))
    campaigns.sort(key=lambda c: (-c.size, c.id))
    changed = len(campaigns) != 1
    if campaigns:
        target = campaigns[0]
        _merge(target, campaigns[1:])
    else:
        target = Campaign(policy_id=comment.policy_id, size=0)
        db.session.add(target)
        db.session.flush()
    _set_campaign(alone, target.id)
    comment.campaign_id = target.id
    target.size += len(alone) + 1
    return target, changed


def leave(comment: Comment, row: CampaignSignature) -> Campaign | None:
    """Take `comment` out of its campaign and out of the index; return the campaign it left."""
    if row.indexed:
        _hand_over(row)
    db.session.execute(delete(CampaignBandKey).where(CampaignBandKey.comment_id == row.comment_id))
    campaign = db.session.get(Campaign, comment.campaign_id) if comment.campaign_id else None
    comment.campaign_id = None
    if campaign is not None:
        campaign.size = max(campaign.size - 1, 0)
        if campaign.representative_comment_id == comment.id:
            campaign.representative_comment_id = None
    return campaign


def _hand_over(row: CampaignSignature) -> None:
    """Let another exact copy hold the band keys `row` held, so its text stays findable."""
    row.indexed = False
    successor = db.session.scalar(
        select(CampaignSignature)
        .where(
            CampaignSignature.policy_id == row.policy_id,
            CampaignSignature.exact_key == row.exact_key,
            CampaignSignature.comment_id != row.comment_id,
            CampaignSignature.pulled_out_at.is_(None),
        )
        .order_by(CampaignSignature.comment_id)
        .limit(1)
    )
    if successor is None:
        return
    successor.indexed = True
    db.session.execute(
        update(CampaignBandKey)
        .where(CampaignBandKey.comment_id == row.comment_id)
        .values(comment_id=successor.comment_id)
    )
