"""The queue pages: what moderators see, the actions as forms, refusals, query counts."""

import re

import pytest

from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Decision
from tests import factories
from tests.comments.helpers_thread import counting_queries
from tests.moderation.queue_helpers import (
    appeal_route,
    department_policy,
    flag,
    hit,
    make_comment,
    with_guidelines,
)


@pytest.fixture(autouse=True)
def _setup(ctx):
    appeal_route()
    with_guidelines()


@pytest.fixture
def policy(ctx):
    return factories.make_policy(period="open", title="Body-worn cameras")


@pytest.fixture
def signed_in_moderator(moderator, login):
    return login(moderator)


def _decide(client, comment, **data):
    return client.post_form(f"/moderation/comments/{comment.id}/decide", data)


def _status(comment) -> str:
    db.session.expire_all()
    return db.session.get(Comment, comment.id).status


def _decision_count() -> int:
    return len(db.session.scalars(db.select(Decision)).all())


# Permissions ---------------------------------------------------------------------------------


def _routes(comment) -> list[tuple[str, str]]:
    return [
        ("GET", "/moderation"),
        ("GET", "/moderation?tab=flagged"),
        ("GET", f"/moderation/comments/{comment.id}"),
        ("POST", f"/moderation/comments/{comment.id}/decide"),
        ("POST", "/moderation/bulk"),
    ]


@pytest.mark.parametrize("role", ["resident", "staff", "board"])
def test_non_moderators_get_403_on_every_route_and_nothing_changes(client, login, role, policy):
    login(factories.make_user(role=role))
    comment = make_comment(policy, status="held")
    data = {"action": "approve", "guideline": "within_guidelines"}
    bulk = {"bulk-comment_ids": comment.id, "bulk-action": "approve"}
    for method, url in _routes(comment):
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post_form(url, bulk if "bulk" in url else data)
        assert response.status_code == 403, (method, url)
    assert _status(comment) == "held"


def test_signed_out_visitors_are_sent_to_sign_in(client, policy):
    comment = make_comment(policy, status="held")
    response = client.get("/moderation")
    assert response.status_code == 302
    assert "/auth/login" in response.location
    response = client.get(f"/moderation/comments/{comment.id}")
    assert response.status_code == 302


def test_admins_reach_the_queue_and_the_navigation_links_it(client, login, admin):
    login(admin)
    page = client.get("/moderation").get_data(as_text=True)
    assert "Moderation queue" in page
    assert 'href="/moderation"' in page


def test_post_without_csrf_is_refused(client, signed_in_moderator, policy):
    comment = make_comment(policy, status="held")
    response = client.post(
        f"/moderation/comments/{comment.id}/decide",
        data={"action": "approve", "guideline": "within_guidelines"},
    )
    assert response.status_code == 400
    response = client.post(
        "/moderation/bulk",
        data={"bulk-comment_ids": comment.id, "bulk-action": "approve"},
    )
    assert response.status_code == 400
    assert _status(comment) == "held"


# The queue page ------------------------------------------------------------------------------


def test_queue_shows_held_items_with_context_rules_and_record_but_no_email(
    client, signed_in_moderator, policy
):
    author = factories.make_user(display_name="Dana Resident", email="dana@private.example")
    parent = make_comment(policy, body="Ninety days is too long.")
    reply = make_comment(
        policy,
        author=author,
        status="held",
        body="You idiot, read the policy.",
        parent_id=parent.id,
        root_id=parent.id,
        depth=1,
        section_key="data_retention",
    )
    hit(reply, "word_list", "listed word: idiot")
    page = client.get("/moderation").get_data(as_text=True)
    assert reply.tracking_number in page
    assert "Body-worn cameras" in page
    assert "Data retention" in page  # the policy section
    assert "Ninety days is too long." in page  # the parent
    assert "listed word: idiot" in page
    assert "Dana Resident" in page
    assert "1 comment" in page
    assert "dana@private.example" not in page
    assert "@" not in re.sub(r"<[^>]+>", "", page).replace("@demo", "")
    assert 'name="guideline"' in page and "required" in page
    assert "Keyboard shortcuts" in page
    assert "js/moderation.js" in page


def test_flagged_tab_lists_flags_and_reasons(client, signed_in_moderator, policy):
    comment = make_comment(policy)
    flag(comment, "personal_information")
    flag(comment, "personal_information")
    page = client.get("/moderation?tab=flagged").get_data(as_text=True)
    assert comment.tracking_number in page
    assert "2 flags" in page
    assert "personal information" in page


def test_filters_are_applied_and_bad_values_ignored(client, signed_in_moderator, policy):
    burst = make_comment(policy, status="held")
    hit(burst, "burst")
    words = make_comment(policy, status="held")
    hit(words, "word_list")
    page = client.get(f"/moderation?tab=held&policy={policy.id}&rule=burst").get_data(as_text=True)
    assert burst.tracking_number in page
    assert words.tracking_number not in page
    response = client.get("/moderation?tab=nope&policy=abc&rule=x&reason=y&age=z&page=-3")
    assert response.status_code == 200


def test_queue_header_counts(client, signed_in_moderator, policy):
    make_comment(policy, status="held")
    make_comment(policy, status="held")
    flagged = make_comment(policy)
    flag(flagged)
    page = client.get("/moderation").get_data(as_text=True)
    assert "2 held, 1 flagged" in page
    assert "decisions today" in page


def test_conflicted_items_are_marked_with_the_reason(client, moderator, login):
    comment = make_comment(department_policy(moderator), status="held")
    login(moderator)
    page = client.get("/moderation").get_data(as_text=True)
    row = page[page.index(f'id="item-{comment.id}"') :]
    row = row[: row.index("</tr>")]
    assert "Conflict of interest" in row
    assert "another moderator decides" in row
    assert "disabled" in row
    assert 'name="guideline"' not in row


def test_query_count_does_not_grow_with_the_number_of_items(client, signed_in_moderator):
    def queue_queries(total: int) -> int:
        policy = factories.make_policy(period="open")
        parent = make_comment(policy)
        for n in range(total):
            comment = make_comment(
                policy,
                author=factories.make_user(),
                status="held",
                parent_id=parent.id,
                root_id=parent.id,
                depth=1,
                section_key="purpose",
            )
            hit(comment)
            flag(comment)
            if n % 2:
                make_comment(policy, author_id=comment.author_id, status="hidden")
        with counting_queries() as counted:
            assert client.get(f"/moderation?policy={policy.id}").status_code == 200
        return counted[0]

    few, many = queue_queries(2), queue_queries(20)
    assert few == many, (few, many)
    assert few <= 20, few


def test_item_page_shows_context_flags_history_and_the_form(client, signed_in_moderator, policy):
    author = factories.make_user(email="hidden@private.example")
    earlier = make_comment(policy, author=author, status="hidden")
    db.session.add(
        Decision(
            comment_id=earlier.id,
            action="hide",
            guideline_key="harassment",
            moderator_id=signed_in_moderator.id,
        )
    )
    comment = make_comment(policy, author=author, body="Call me at 617-555-0100.")
    flag(comment, "personal_information")
    page = client.get(f"/moderation/comments/{comment.id}").get_data(as_text=True)
    assert "Call me at 617-555-0100." in page
    assert "The author\N{RIGHT SINGLE QUOTATION MARK}s record" in page
    assert earlier.tracking_number in page
    assert "Harassment" in page
    assert 'value="redact"' in page
    assert "Passage to remove" in page
    assert "hidden@private.example" not in page


# Actions -------------------------------------------------------------------------------------


def test_hide_from_the_queue_row_redirects_back_with_a_message(
    client, signed_in_moderator, outbox, policy
):
    comment = make_comment(policy, status="held")
    response = _decide(
        client,
        comment,
        action="hide",
        guideline="harassment",
        note="Please stay civil.",
        next="/moderation?tab=held",
    )
    assert response.status_code == 302
    assert response.location.endswith("/moderation?tab=held")
    assert _status(comment) == "hidden"
    assert "Please stay civil." in outbox("moderation_decision")[0].body_text
    page = client.get(response.location).get_data(as_text=True)
    assert f"Hidden, 1 comment: {comment.tracking_number} (reason: Harassment" in page


def test_redact_from_the_item_page(client, signed_in_moderator, policy):
    comment = make_comment(policy, body="Call me at 617-555-0100. Keep 30 days.")
    response = _decide(
        client,
        comment,
        action="redact",
        guideline="personal_information",
        passage="617-555-0100",
    )
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Comment, comment.id)
    assert "617-555-0100" not in stored.body_md
    assert "[removed by moderators: Personal information]" in stored.body_html


def test_missing_reason_is_a_form_error_and_nothing_changes(client, signed_in_moderator, policy):
    comment = make_comment(policy, status="held")
    response = _decide(client, comment, action="hide", guideline="", note="Kept note")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose a reason from the community guidelines." in page
    assert "Kept note" in page  # what was typed comes back
    assert _status(comment) == "held"
    assert _decision_count() == 0


def test_unknown_guideline_key_is_a_form_error(client, signed_in_moderator, policy):
    comment = make_comment(policy, status="held")
    response = _decide(client, comment, action="hide", guideline="made_up")
    assert response.status_code == 400
    assert "Choose a reason from the community guidelines." in response.get_data(as_text=True)
    assert _status(comment) == "held"


def test_redaction_passage_not_found_is_a_form_error(client, signed_in_moderator, policy):
    comment = make_comment(policy)
    response = _decide(
        client, comment, action="redact", guideline="personal_information", passage="nope"
    )
    assert response.status_code == 400
    assert "does not contain that passage" in response.get_data(as_text=True)


def test_already_decided_item_is_reported_and_not_changed_twice(
    client, signed_in_moderator, outbox, policy
):
    comment = make_comment(policy, status="held")
    _decide(client, comment, action="hide", guideline="harassment")
    response = _decide(client, comment, action="hide", guideline="off_topic")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Already decided" in page
    assert _decision_count() == 1
    assert len(outbox("moderation_decision")) == 1


def test_moderator_of_the_owning_department_is_refused_in_the_view(client, moderator, login):
    comment = make_comment(department_policy(moderator), status="held")
    login(moderator)
    response = _decide(client, comment, action="hide", guideline="harassment")
    assert response.status_code == 403
    assert "Conflict of interest" in response.get_data(as_text=True)
    assert _status(comment) == "held"
    page = client.get(f"/moderation/comments/{comment.id}").get_data(as_text=True)
    assert "Conflict of interest" in page
    assert 'name="guideline"' not in page


# Bulk ----------------------------------------------------------------------------------------


def _bulk(client, comments, **data):
    payload = {"bulk-comment_ids": [c.id for c in comments]}
    payload.update({f"bulk-{k}": v for k, v in data.items()})
    return client.post_form("/moderation/bulk?tab=held", payload)


def test_bulk_hides_the_selection_in_one_batch(client, signed_in_moderator, outbox, policy):
    comments = [make_comment(policy, status="held") for _ in range(3)]
    response = _bulk(client, comments, action="spam", guideline="spam")
    assert response.status_code == 302
    assert response.location.endswith("/moderation?tab=held")
    assert "Marked as spam, 3 comments" in client.get(response.location).get_data(as_text=True)
    assert [_status(c) for c in comments] == ["spam"] * 3
    batch_ids = {d.batch_id for d in db.session.scalars(db.select(Decision))}
    assert len(batch_ids) == 1 and None not in batch_ids
    assert len(outbox("moderation_decision")) == 3


def test_bulk_over_mixed_permission_items_is_refused_as_a_whole(client, moderator, login, policy):
    allowed = make_comment(policy, status="held")
    conflicted = make_comment(department_policy(moderator), status="held")
    login(moderator)
    response = _bulk(client, [allowed, conflicted], action="hide", guideline="harassment")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "another moderator must decide" in page
    assert conflicted.tracking_number in page
    assert [_status(allowed), _status(conflicted)] == ["held", "held"]
    assert _decision_count() == 0


def test_bulk_without_reason_or_selection_is_a_form_error(client, signed_in_moderator, policy):
    comment = make_comment(policy, status="held")
    response = _bulk(client, [comment], action="hide", guideline="")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose a reason from the community guidelines." in page
    assert re.search(rf'value="{comment.id}"[^>]*checked', page)  # the selection is kept
    response = client.post_form(
        "/moderation/bulk", {"bulk-action": "hide", "bulk-guideline": "harassment"}
    )
    assert response.status_code == 400
    assert "Select at least one comment." in response.get_data(as_text=True)
    assert _status(comment) == "held"


def test_bulk_with_an_already_decided_item_changes_nothing(client, signed_in_moderator, policy):
    fresh = make_comment(policy, status="held")
    decided = make_comment(policy, status="hidden")
    response = _bulk(client, [fresh, decided], action="hide", guideline="harassment")
    assert response.status_code == 400
    assert "Already decided" in response.get_data(as_text=True)
    assert _status(fresh) == "held"


def test_bulk_with_an_unknown_comment_id(client, signed_in_moderator, policy):
    comment = make_comment(policy, status="held")
    response = client.post_form(
        "/moderation/bulk",
        {
            "bulk-comment_ids": [comment.id, 987654],
            "bulk-action": "hide",
            "bulk-guideline": "harassment",
        },
    )
    assert response.status_code == 400
    assert _status(comment) == "held"
    response = client.post_form(
        "/moderation/bulk",
        {"bulk-comment_ids": "abc", "bulk-action": "hide", "bulk-guideline": "harassment"},
    )
    assert response.status_code == 400


def test_dismissing_flags_says_the_comment_is_kept(client, signed_in_moderator, policy):
    comment = make_comment(policy)
    flag(comment)
    response = _decide(client, comment, action="approve", guideline="within_guidelines")
    page = client.get(response.location).get_data(as_text=True)
    assert f"Kept, flags dismissed, 1 comment: {comment.tracking_number}" in page
    assert _status(comment) == "published"


def test_unknown_comment_is_404(client, signed_in_moderator):
    assert client.get("/moderation/comments/987654").status_code == 404
    assert _decide_missing(client).status_code == 404


def _decide_missing(client):
    return client.post_form(
        "/moderation/comments/987654/decide", {"action": "hide", "guideline": "harassment"}
    )
