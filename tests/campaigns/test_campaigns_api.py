"""/api/v1/policies/<slug>/campaigns and the `campaign` filter, checked against the OpenAPI
document: published copies only, never a hidden one."""

import pytest

from engage.campaigns.models import Campaign
from engage.extensions import db
from tests.api.conftest import ApiChecker
from tests.campaigns.helpers import LETTER, OTHER_LETTER, campaign_policy, letters, text

CAMPAIGNS, COMMENTS = "/policies/{slug}/campaigns", "/policies/{slug}/comments"


@pytest.fixture
def api(client) -> ApiChecker:
    return ApiChecker(client, client.get("/api/v1/openapi.json").get_json())


@pytest.fixture
def policy(ctx, staff):
    """Three campaigns: five copies (one hidden), three copies, two copies (one held)."""
    policy = campaign_policy(title="License plate readers")
    big = letters(staff, policy, [f"{text(LETTER)}\n\nWriter {n}" for n in range(5)])
    small = letters(staff, policy, [text(OTHER_LETTER)] * 3)
    lonely = letters(staff, policy, [text(LETTER[:2] + OTHER_LETTER[:1])] * 2)
    letters(staff, policy, ["A letter of its own, not copied by anyone else. " * 4])
    big[0].status, lonely[1].status = "hidden", "held"
    db.session.flush()
    policy.fixture = {"big": big, "small": small, "lonely": lonely}
    return policy


def campaigns_url(policy, query: str = "") -> str:
    return f"/api/v1/policies/{policy.slug}/campaigns" + (f"?{query}" if query else "")


def comments_url(policy, query: str) -> str:
    return f"/api/v1/policies/{policy.slug}/comments?{query}"


def test_campaigns_count_published_copies_and_need_two_of_them(api, policy):
    big, small = policy.fixture["big"], policy.fixture["small"]

    body = api.get(campaigns_url(policy), CAMPAIGNS)

    assert [(item["id"], item["size"]) for item in body["data"]] == [
        (big[1].campaign_id, 4),
        (small[0].campaign_id, 3),
    ]
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 2}
    representative = body["data"][0]["representative_comment_id"]
    assert representative in {c.id for c in big[1:]}


def test_a_hidden_representative_is_never_shown(api, policy):
    big = policy.fixture["big"]
    campaign = db.session.get(Campaign, big[1].campaign_id)
    shown = db.session.get(type(big[0]), campaign.representative_comment_id)
    shown.status = "hidden"
    db.session.flush()

    body = api.get(campaigns_url(policy), CAMPAIGNS)

    item = next(i for i in body["data"] if i["id"] == campaign.id)
    assert item["size"] == 3
    assert item["representative_comment_id"] != shown.id
    assert item["representative_comment_id"] in {c.id for c in big if c.status == "published"}


def test_the_campaign_filter_lists_published_copies_only(api, policy):
    big = policy.fixture["big"]

    body = api.get(comments_url(policy, f"campaign={big[1].campaign_id}"), COMMENTS)

    assert [item["id"] for item in body["data"]] == [c.id for c in big[1:]]
    assert "Writer 0" not in str(body)  # the hidden copy


def test_an_unknown_or_foreign_campaign_lists_nothing(api, policy, staff):
    other = campaign_policy()
    foreign = letters(staff, other, [text(LETTER)] * 2)

    for campaign_id in (999_999, foreign[0].campaign_id):
        body = api.get(comments_url(policy, f"campaign={campaign_id}"), COMMENTS)
        assert body["data"] == [] and body["meta"]["total"] == 0


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1e3", "9999999999"])
def test_a_bad_campaign_parameter_is_a_400_naming_it(api, policy, value):
    body = api.get(comments_url(policy, f"campaign={value}"), COMMENTS, status=400)
    assert body["error"]["parameter"] == "campaign"


def test_an_unknown_policy_is_a_404(api, ctx):
    api.get("/api/v1/policies/no-such-policy/campaigns", CAMPAIGNS, status=404)


def test_campaigns_are_paged(api, policy):
    body = api.get(campaigns_url(policy, "per_page=1&page=2"), CAMPAIGNS)

    assert [item["size"] for item in body["data"]] == [3]
    assert body["links"]["prev"] and body["links"]["next"] is None
