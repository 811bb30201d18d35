"""The campaign page: who may see and act, what it shows, its forms and their refusals."""

import re

import pytest

from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Decision
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


@pytest.fixture
def copies(ctx):
    return web_campaign(campaign_policy(title="License plate readers"), 3, status="held")


def url(copies, suffix: str = "") -> str:
    return f"/moderation/campaigns/{copies[0].campaign_id}{suffix}"


def statuses(comments) -> list[str]:
    db.session.expire_all()
    return [db.session.get(Comment, c.id).status for c in comments]


def decision_count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Decision))


def routes(copies) -> list[tuple[str, str]]:
    pull = url(copies, f"/pull-out/{copies[1].id}")
    return [("GET", url(copies)), ("POST", url(copies, "/decide")), ("GET", pull), ("POST", pull)]


@pytest.mark.parametrize("role", ["resident", "staff", "board"])
def test_non_moderators_get_403_and_nothing_changes(client, login, role, copies):
    login(factories.make_user(role=role))
    for method, path in routes(copies):
        data = {"action": "approve", "guideline": "within_guidelines"}
        response = client.get(path) if method == "GET" else client.post_form(path, data)
        assert response.status_code == 403, (method, path)
    assert statuses(copies) == ["held"] * 3
    assert all(c.campaign_id is not None for c in copies)


def test_signed_out_visitors_are_sent_to_sign_in(client, copies):
    response = client.get(url(copies))
    assert response.status_code == 302 and "/auth/login" in response.location


def test_an_unknown_campaign_is_404(client, login, moderator):
    login(moderator)
    assert client.get("/moderation/campaigns/999999").status_code == 404


def test_the_page_shows_size_representative_and_the_personal_edits(
    client, login, moderator, copies
):
    login(moderator)

    page = client.get(url(copies)).get_data(as_text=True)

    assert "3 copies" in page
    assert "License plate readers" in page
    assert "held: 3" in page
    assert "Delete plate reads that match no hot list" in page  # the representative's text
    # The copies differ from the representative by their signature only.
    assert re.search(
        r"Signer <del class=\"engage-diff\">.*?\d</del><ins class=\"engage-diff\">", page
    )
    assert "(unchanged text left out)" in page
    assert 'name="guideline"' in page and 'value="approve"' in page
    assert "@example.org" not in page


def test_copies_are_listed_twenty_to_a_page(client, login, moderator, staff):
    many = letters(staff, campaign_policy(), [f"{text(LETTER)}\n\nWriter {n}" for n in range(23)])
    login(moderator)

    first = client.get(url(many)).get_data(as_text=True)
    second = client.get(url(many, "?page=2")).get_data(as_text=True)

    rows = lambda page: len(re.findall(r"/pull-out/\d+", page))  # noqa: E731
    assert rows(first) == 20 and rows(second) == 2
    assert "Pages of copies" in first


def test_approving_the_whole_campaign(client, login, moderator, copies):
    login(moderator)

    response = client.post_form(
        url(copies, "/decide"), {"action": "approve", "guideline": "within_guidelines"}
    )

    assert response.status_code == 302 and response.location.endswith(url(copies))
    assert statuses(copies) == ["published"] * 3
    assert "Approve: 3 copies of the campaign" in client.get(url(copies)).get_data(as_text=True)


def test_a_missing_reason_is_a_form_error_and_nothing_changes(client, login, moderator, copies):
    login(moderator)

    response = client.post_form(url(copies, "/decide"), {"action": "hide", "guideline": ""})

    assert response.status_code == 400
    assert "Choose a reason from the community guidelines." in response.get_data(as_text=True)
    assert statuses(copies) == ["held"] * 3 and decision_count() == 0


def test_nothing_left_to_decide_is_reported_on_the_form(client, login, moderator, copies):
    login(moderator)
    data = {"action": "approve", "guideline": "within_guidelines"}
    client.post_form(url(copies, "/decide"), data)

    response = client.post_form(url(copies, "/decide"), data)

    assert response.status_code == 400
    assert "No copy of this campaign can be changed that way now" in response.get_data(as_text=True)
    assert decision_count() == 3


def test_posts_without_csrf_change_nothing(client, login, moderator, copies):
    login(moderator)
    for path in (url(copies, "/decide"), url(copies, f"/pull-out/{copies[1].id}")):
        response = client.post(path, data={"action": "hide", "guideline": "spam"})
        assert response.status_code == 400
    assert statuses(copies) == ["held"] * 3
    assert all(c.campaign_id is not None for c in copies)


def test_a_conflicted_moderator_sees_why_and_is_refused(client, login, moderator):
    copies = web_campaign(department_policy(moderator), 2, status="held")
    login(moderator)

    page = client.get(url(copies)).get_data(as_text=True)
    assert "Conflict of interest" in page and 'name="guideline"' not in page
    for method, path in routes(copies)[1:]:
        data = {"action": "approve", "guideline": "within_guidelines"}
        response = client.get(path) if method == "GET" else client.post_form(path, data)
        assert response.status_code == 403, (method, path)
        assert "Conflict of interest" in response.get_data(as_text=True)
    assert statuses(copies) == ["held"] * 2


def test_pulling_a_copy_out_confirms_on_its_own_page(client, login, moderator, copies):
    login(moderator)
    path = url(copies, f"/pull-out/{copies[1].id}")

    confirm = client.get(path)
    assert confirm.status_code == 200
    assert "Pull it out of the campaign" in confirm.get_data(as_text=True)
    assert copies[1].campaign_id is not None

    response = client.post_form(path)
    assert response.status_code == 302 and response.location.endswith(url(copies))
    db.session.expire_all()
    assert db.session.get(Comment, copies[1].id).campaign_id is None
    assert db.session.get(Campaign, copies[0].campaign_id).size == 2
    page = client.get(url(copies)).get_data(as_text=True)
    assert "is out of the campaign for good" in page


def test_pulling_out_a_comment_of_another_campaign_changes_nothing(
    client, login, moderator, copies
):
    stranger = letters(factories.make_user(role="staff"), campaign_policy(), ["Mine. " * 20])[0]
    login(moderator)

    response = client.post_form(url(copies, f"/pull-out/{stranger.id}"))

    assert response.status_code == 302
    assert "is not part of this campaign" in client.get(url(copies)).get_data(as_text=True)
