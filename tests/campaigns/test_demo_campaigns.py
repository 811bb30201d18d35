"""The demo's comments are grouped: the plate reader form letter is one campaign, and only it."""

from functools import partial

import pytest
from werkzeug.security import generate_password_hash

from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.demo import load_demo
from engage.demo.campaigns import load_campaigns
from engage.extensions import db


@pytest.fixture
def demo(ctx, monkeypatch):
    fast = partial(generate_password_hash, method="pbkdf2:sha256:1000")
    monkeypatch.setattr("engage.accounts.models.generate_password_hash", fast)
    return load_demo()


def test_the_alpr_form_letter_is_the_one_campaign_and_grouping_again_adds_nothing(demo):
    [campaign] = db.session.scalars(db.select(Campaign).where(Campaign.size >= 2)).all()
    members = db.session.scalars(db.select(Comment).where(Comment.campaign_id == campaign.id))
    letters = db.session.scalars(
        db.select(Comment).where(Comment.body_md.contains("I urge the Department to strengthen"))
    ).all()

    assert campaign.policy.slug == "bpd-automated-license-plate-readers"
    assert campaign.size == 14 == len(letters)
    assert {c.id for c in members} == {c.id for c in letters}
    assert campaign.representative_comment_id in {c.id for c in letters}
    assert load_campaigns() == ["Campaigns: 0 comments grouped now, 1 campaigns in all"]
