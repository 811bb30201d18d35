"""Grouping comments as they arrive, in the database: the same campaigns as a batch run."""

from benchmarks.campaign_synthetic import Writer, corpus, edited_copy
from engage.audit import AuditEntry
from engage.campaigns import fingerprints
from engage.campaigns.grouping import group_texts
from engage.campaigns.models import Campaign, CampaignBandKey, CampaignSignature
from engage.campaigns.services import ensure_grouped, matching_campaign
from engage.campaigns.store import PolicyIndex
from engage.comments.services import CommentData, edit_comment, post_comment
from engage.extensions import db
from tests import factories
from tests.campaigns.helpers import LETTER, OTHER_LETTER, campaign_policy, letters, partition, text
from tests.comments.helpers_offline import post


def test_comments_grouped_one_by_one_make_the_campaigns_of_a_batch_run(ctx, staff):
    data = corpus([2, 3, 6, 25], unique=60, seed=4)
    policy = campaign_policy()

    comments = letters(staff, policy, data.texts)

    assert partition(comments) == group_texts(data.texts)
    assert len(partition(comments)) == 6  # four campaigns and two exact short ones


def test_web_comments_are_grouped_as_they_are_posted(ctx, staff):
    policy = campaign_policy()
    ana, ben = factories.make_user(), factories.make_user()

    first = post(ana, policy, text(LETTER))
    second = post(ben, policy, "Hello,\n\n" + text(LETTER) + "\n\nBen")

    assert first.campaign_id is not None
    assert first.campaign_id == second.campaign_id


def test_campaigns_are_per_policy(ctx, staff):
    one, other = campaign_policy(), campaign_policy()

    first = letters(staff, one, [text(LETTER)])[0]
    second = letters(staff, other, [text(LETTER)])[0]

    assert first.campaign_id is None and second.campaign_id is None


def test_grouping_twice_changes_nothing(ctx, staff):
    policy = campaign_policy()
    first, second = letters(staff, policy, [text(LETTER), text(LETTER)])
    campaign = db.session.get(Campaign, first.campaign_id)

    assert ensure_grouped(second) is campaign
    assert campaign.size == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(CampaignSignature)) == 2


def test_size_counts_every_member_and_the_representative_is_the_most_central(ctx, staff):
    writer = Writer(seed=9)
    bodies = [f"Hello,\n\n{text(LETTER)}\n\n{writer.name()}"]
    bodies += [f"{text(LETTER)}\n\nThank you,\n{writer.name()}" for _ in range(3)]
    bodies.insert(2, text(LETTER))
    bodies += [text([*LETTER, writer.sentence()]) for _ in range(3)]
    bodies.append(text([*LETTER, writer.paragraph((3, 3))]))
    policy = campaign_policy()

    comments = letters(staff, policy, bodies)
    campaign = db.session.get(Campaign, comments[0].campaign_id)

    assert campaign.size == 9
    assert all(c.campaign_id == campaign.id for c in comments)
    assert campaign.representative_comment_id == comments[2].id  # the unedited letter


def test_exact_copies_store_no_band_keys_of_their_own(ctx, staff):
    policy = campaign_policy()
    comments = letters(staff, policy, [text(LETTER)] * 4)

    holders = db.session.scalars(db.select(CampaignBandKey.comment_id).distinct()).all()

    assert holders == [comments[0].id]
    assert db.session.get(Campaign, comments[0].campaign_id).size == 4


def test_a_big_campaign_answers_a_newcomer_from_a_few_rows(ctx, staff):
    writer = Writer(seed=12)
    policy = campaign_policy()
    letters(staff, policy, [edited_copy(writer, LETTER, exact_share=0) for _ in range(60)])
    newcomer = fingerprints.fingerprint(edited_copy(writer, LETTER, exact_share=0))

    entries = PolicyIndex(policy.id).bucket_entries(newcomer.band_keys)

    assert db.session.scalar(db.select(db.func.count()).select_from(Campaign)) == 1
    assert 0 < len(entries) <= fingerprints.BANDS * 3


def test_a_comment_bridging_two_campaigns_merges_them(ctx, staff):
    policy = campaign_policy()
    first = text(LETTER[:2] + OTHER_LETTER)
    second = text(LETTER[2:] + OTHER_LETTER)
    comments = letters(staff, policy, [first, first, second, second, second])
    kept, merged = comments[2].campaign_id, comments[0].campaign_id

    bridge = letters(staff, policy, [text(LETTER + OTHER_LETTER)])[0]

    assert bridge.campaign_id == kept  # the larger campaign stays
    assert {c.campaign_id for c in comments} == {kept}
    assert db.session.get(Campaign, kept).size == 6
    assert db.session.get(Campaign, merged) is None
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "campaign.merged"))
    assert entry.target_id == str(merged) and entry.detail["into"] == kept


def test_official_responses_are_never_grouped(ctx, staff):
    policy = campaign_policy()
    first = letters(staff, policy, [text(LETTER)])[0]
    answer = post_comment(staff, policy, CommentData(text(LETTER), parent_id=first.id), True)

    assert answer.is_official_response
    assert first.campaign_id is None and answer.campaign_id is None


def test_an_edited_comment_is_grouped_again(ctx, staff):
    policy = campaign_policy()
    letters(staff, policy, [text(LETTER), text(LETTER)])
    author = factories.make_user()
    comment = post(author, policy, text(OTHER_LETTER))
    assert comment.campaign_id is None

    edit_comment(author, comment, text(LETTER) + "\n\nI live in Mattapan.")

    campaign = db.session.get(Campaign, comment.campaign_id)
    assert campaign is not None and campaign.size == 3

    edit_comment(author, comment, text(OTHER_LETTER))
    assert comment.campaign_id is None
    assert campaign.size == 2


def test_matching_campaign_finds_the_campaign_a_text_would_join(ctx, staff):
    policy = campaign_policy()
    letters(staff, policy, [text(LETTER)] * 3)

    found = matching_campaign("Dear Council,\n\n" + text(LETTER), policy)

    assert found is not None and found.size == 3
    assert matching_campaign(text(OTHER_LETTER), policy) is None
    assert matching_campaign(text(LETTER), campaign_policy()) is None


def test_candidates_are_found_through_the_band_key_index(ctx, staff):
    policy = campaign_policy()
    letters(staff, policy, [text(LETTER)] * 2)
    keys = list(fingerprints.fingerprint(text(LETTER)).band_keys)
    statement = PolicyIndex(policy.id).bucket_statement(keys)
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})

    if db.engine.dialect.name == "sqlite":
        plan = db.session.execute(db.text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    else:  # on a table this small PostgreSQL would rather scan; show it can use the index
        db.session.execute(db.text("SET LOCAL enable_seqscan = off"))
        plan = db.session.execute(db.text(f"EXPLAIN {compiled}")).all()

    assert "ix_campaign_band_keys_lookup" in str(plan)
