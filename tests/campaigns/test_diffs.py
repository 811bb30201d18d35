"""How copies differ from the representative: the edits, with the words around them."""

from engage.campaigns.diffs import SKIP, condensed, copy_differences
from engage.campaigns.models import Campaign
from engage.extensions import db
from engage.policies.diff import DELETE, EQUAL, INSERT, diff_text
from tests.campaigns.helpers import LETTER, campaign_policy, letters, text


def test_long_unchanged_runs_are_cut_at_word_ends_around_each_edit():
    before = text(LETTER)
    after = before.replace("search warrant", "court order")

    segments = condensed(diff_text(before, after))

    assert segments[0].op == SKIP and segments[-1].op == SKIP
    assert "court order" in "".join(s.text for s in segments if s.op == INSERT)
    kept = [s.text for s in segments if s.op == EQUAL]
    assert kept[0].startswith("publish how many") and kept[-1].endswith("the auditors can")
    assert all(len(t) < 120 for t in kept)
    assert len("".join(s.text for s in segments)) < len(before) / 2


def test_short_texts_are_kept_whole():
    segments = condensed(diff_text("Keep it short, please.", "Keep it short, please. Ana"))

    assert [s.op for s in segments] == [EQUAL, INSERT]


def test_copy_differences_pages_the_copies_other_than_the_representative(ctx, staff):
    policy = campaign_policy()
    copies = letters(
        staff, policy, [text(LETTER)] + [f"{text(LETTER)}\n\nWriter {n}" for n in range(4)]
    )
    campaign = db.session.get(Campaign, copies[0].campaign_id)

    first, second = copy_differences(campaign, 3), copy_differences(campaign, 3, offset=3)

    listed = [copy.id for copy, _segments in first + second]
    assert campaign.representative_comment_id not in listed
    assert sorted(listed) == listed and len(listed) == 4
    representative = campaign.representative.body_md
    for copy, segments in first + second:
        edited = any(s.op in (INSERT, DELETE) for s in segments)
        assert edited == (copy.body_md != representative), segments
