"""A campaign moderated as one item: decisions on every copy, pulling a copy out, the queue."""

import pytest

from engage.audit import AuditEntry
from engage.campaigns.models import Campaign, CampaignBandKey, CampaignSignature
from engage.campaigns.queries import campaigns_waiting
from engage.campaigns.services import decide_campaign, ensure_grouped, pull_out
from engage.comments.models import Flag
from engage.extensions import db
from engage.moderation.models import Decision
from engage.moderation.services.errors import ModerationError
from tests import factories
from tests.campaigns.helpers import (
    LETTER,
    campaign_policy,
    department_policy,
    guidelines,
    letters,
    text,
    web_campaign,
)


@pytest.fixture(autouse=True)
def _guidelines(ctx):
    guidelines()


def campaign_of(comment) -> Campaign:
    db.session.expire_all()
    return db.session.get(Campaign, comment.campaign_id)


def test_approving_a_campaign_publishes_every_held_copy_with_one_decision_each(moderator, outbox):
    policy = campaign_policy()
    copies = web_campaign(policy, 4, status="held")
    campaign = campaign_of(copies[0])

    decisions = decide_campaign(moderator, campaign, "approve", "within_guidelines", "Fine.")

    assert len(decisions) == 4
    assert {d.campaign_id for d in decisions} == {campaign.id}
    assert len({d.batch_id for d in decisions}) == 1
    assert all(c.status == "published" for c in copies)
    assert len(outbox("moderation_decision")) == 4


def test_hiding_a_campaign_leaves_withdrawn_and_spam_copies_alone(moderator):
    policy = campaign_policy()
    copies = web_campaign(policy, 4)
    copies[1].status, copies[2].status = "withdrawn", "spam"
    db.session.flush()
    campaign = campaign_of(copies[0])

    decisions = decide_campaign(moderator, campaign, "hide", "spam")

    assert [d.comment_id for d in decisions] == [copies[0].id, copies[3].id]
    assert [c.status for c in copies] == ["hidden", "withdrawn", "spam", "hidden"]


def test_approving_a_campaign_with_nothing_waiting_is_refused(moderator):
    policy = campaign_policy()
    copies = web_campaign(policy, 3)

    with pytest.raises(ModerationError) as refusal:
        decide_campaign(moderator, campaign_of(copies[0]), "approve", "within_guidelines")

    assert refusal.value.code == "already"
    assert db.session.scalar(db.select(db.func.count()).select_from(Decision)) == 0


def test_only_approve_and_hide_apply_to_a_whole_campaign(moderator):
    copies = web_campaign(campaign_policy(), 2)

    with pytest.raises(ModerationError) as refusal:
        decide_campaign(moderator, campaign_of(copies[0]), "redact", "spam")

    assert refusal.value.field == "action"


def test_a_moderator_of_the_owning_department_may_not_decide_on_the_campaign(moderator):
    copies = web_campaign(department_policy(moderator), 3, status="held")

    with pytest.raises(ModerationError) as refusal:
        decide_campaign(moderator, campaign_of(copies[0]), "approve", "within_guidelines")

    assert refusal.value.code == "conflict"
    assert all(c.status == "held" for c in copies)


def test_pulling_a_copy_out_removes_it_for_good(moderator, staff):
    policy = campaign_policy()
    copies = letters(staff, policy, [text(LETTER)] * 4)
    campaign = campaign_of(copies[0])

    pull_out(moderator, copies[0])

    assert copies[0].campaign_id is None
    assert campaign.size == 3
    assert campaign.representative_comment_id in {c.id for c in copies[1:]}
    row = db.session.get(CampaignSignature, copies[0].id)
    assert row.pulled_out_at is not None and not row.indexed
    # Its band keys went to another copy, so the letter is still found ...
    holders = set(db.session.scalars(db.select(CampaignBandKey.comment_id)))
    assert holders == {copies[1].id}
    later = letters(staff, policy, [text(LETTER)])[0]
    assert later.campaign_id == campaign.id and campaign.size == 4
    # ... and the copy pulled out is never grouped again.
    assert ensure_grouped(copies[0]) is None and copies[0].campaign_id is None
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "campaign.pull_out"))
    assert entry.actor_id == moderator.id and entry.detail["comment_id"] == copies[0].id


def test_pulling_out_a_copy_not_in_a_campaign_or_by_a_conflicted_moderator_is_refused(
    moderator, staff
):
    alone = letters(staff, campaign_policy(), ["A letter of its own. " * 10])[0]
    with pytest.raises(ModerationError) as refusal:
        pull_out(moderator, alone)
    assert refusal.value.code == "already"

    copies = letters(staff, department_policy(moderator), [text(LETTER)] * 2)
    with pytest.raises(ModerationError) as refusal:
        pull_out(moderator, copies[0])
    assert refusal.value.code == "conflict"
    assert copies[0].campaign_id is not None


def test_campaigns_waiting_lists_campaigns_with_held_or_flagged_copies(staff):
    policy = campaign_policy()
    held = web_campaign(policy, 3, status="held")
    other_policy = campaign_policy()
    shown = letters(staff, other_policy, [text(LETTER)] * 3)
    quiet = letters(staff, campaign_policy(), [text(LETTER)] * 2)
    db.session.add(Flag(comment_id=shown[1].id, reason="spam", user_id=staff.id))
    db.session.flush()

    waiting = campaigns_waiting()

    found = {w.campaign.id: (w.held, w.flagged) for w in waiting}
    assert found == {held[0].campaign_id: (3, 0), shown[0].campaign_id: (0, 1)}
    assert quiet[0].campaign_id not in found
    assert [w.campaign.id for w in campaigns_waiting(other_policy)] == [shown[0].campaign_id]


def test_residents_cannot_pull_copies_out(staff):
    copies = letters(staff, campaign_policy(), [text(LETTER)] * 2)

    with pytest.raises(ModerationError):
        pull_out(factories.make_user(), copies[0])
