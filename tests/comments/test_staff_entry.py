"""Staff enter comments received by email, letter, phone or at a meeting, one at a time."""

import html
import re
from datetime import timedelta

import pytest

from engage.comments.models import Comment
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_offline import audits, comments_of, local, policy_with_period


@pytest.fixture
def as_staff(client, login, staff):
    login(staff)
    return client


@pytest.fixture
def policy(ctx):
    return policy_with_period("open", title="Body-worn cameras")


def _url(policy, what: str = "new") -> str:
    return f"/staff/policies/{policy.slug}/comments/{what}"


def _form(**overrides) -> dict:
    data = {
        "channel": "letter",
        "received_at": local(utcnow() - timedelta(days=1)),
        "language": "es",
        "author_name": "María Pérez",
        "neighborhood": "Dorchester",
        "stance": "oppose",
        "section_key": "data_retention",
        "body": "Ninety days is **too long** to keep footage of people who did nothing wrong.",
    }
    data.update(overrides)
    return data


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# The form ----------------------------------------------------------------------------------


def test_the_form_offers_every_choice_staff_need(as_staff, policy):
    response = as_staff.get(_url(policy))
    page = _page(response)

    assert response.status_code == 200
    assert "<h1>Enter a comment received offline</h1>" in page
    for channel in ("Email", "Letter", "Phone call", "At a meeting"):
        assert channel in page
    assert 'type="datetime-local"' in page
    assert "Español" in page  # languages in their own names
    assert "Kreyòl ayisyen" in page
    assert "Leave empty to record it as anonymous" in page
    assert "Dorchester" in page
    assert "Data retention" in page  # the sections of the version, by their titles
    assert '<option value="data_retention">' in page
    assert 'name="body"' in page
    assert "Import them from a CSV file" in page


def test_the_enter_another_link_keeps_the_channel_and_language(as_staff, policy):
    page = _page(as_staff.get(_url(policy) + "?channel=phone&language=vi"))

    assert re.search(r'<input[^>]*checked[^>]*value="phone"|value="phone"[^>]*checked', page)
    assert '<option selected value="vi">' in page


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_only_staff_may_enter_comments(client, login, policy, role):
    login(factories.make_user(role=role))

    assert client.get(_url(policy)).status_code == 403
    assert client.post_form(_url(policy), _form()).status_code == 403
    assert comments_of(policy) == []


def test_signed_out_visitors_are_sent_to_sign_in(client, policy):
    response = client.get(_url(policy))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_an_unknown_policy_is_not_found(as_staff, ctx):
    assert as_staff.get("/staff/policies/no-such-policy/comments/new").status_code == 404


# Recording ---------------------------------------------------------------------------------


def test_a_letter_is_recorded_published_and_audited(as_staff, staff, policy):
    received = utcnow().replace(second=0, microsecond=0) - timedelta(days=2)
    response = as_staff.post_form(_url(policy), _form(received_at=local(received)))

    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/policies/{policy.slug}"
    [comment] = comments_of(policy)
    assert comment.status == "published"
    assert comment.channel == "letter"
    assert comment.received_at == received
    assert comment.language == "es"
    assert comment.author_name == "María Pérez"
    assert comment.public_author == "María Pérez"
    assert comment.author_id is None
    assert comment.entered_by_id == staff.id
    assert comment.neighborhood == "Dorchester"
    assert comment.stance == "oppose"
    assert comment.section_key == "data_retention"
    assert comment.version_id == policy.current_version.id
    assert "<strong>too long</strong>" in comment.body_html
    assert comment.is_late is False
    [entry] = audits("comment.enter")
    assert entry.actor_id == staff.id
    assert entry.target_id == str(comment.id)
    assert comment.tracking_number in entry.summary


def test_the_receipt_shows_the_tracking_number_and_a_link_to_enter_another(as_staff, policy):
    response = as_staff.post_form(_url(policy), _form(channel="phone", language="vi"))
    page = _page(as_staff.get(response.headers["Location"]))

    [comment] = comments_of(policy)
    assert re.fullmatch(r"C-[2-9A-Z]{4}-[2-9A-Z]{4}", comment.tracking_number)
    assert f"Comment {comment.tracking_number} is recorded and published." in page
    link = re.search(r'<a class="usa-link" href="([^"]+)">Enter another comment</a>', page)
    assert link, "the receipt links to the next entry"
    assert link.group(1).startswith(_url(policy))
    assert "channel=phone" in link.group(1)
    assert "language=vi" in link.group(1)


def test_an_empty_name_records_an_anonymous_resident(as_staff, policy):
    as_staff.post_form(_url(policy), _form(author_name="  ", neighborhood="", stance=""))

    [comment] = comments_of(policy)
    assert comment.author_name is None
    assert comment.show_name is False
    assert comment.public_author is None
    assert comment.neighborhood is None
    assert comment.stance is None


def test_a_comment_on_the_policy_as_a_whole_has_no_section(as_staff, policy):
    as_staff.post_form(_url(policy), _form(section_key=""))
    [comment] = comments_of(policy)
    assert comment.section_key is None


def test_markup_that_smuggles_script_is_stored_harmless(as_staff, policy):
    body = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="alert(3)">'
    as_staff.post_form(_url(policy), _form(body=body))

    [comment] = comments_of(policy)
    assert "<script" not in comment.body_html
    assert "href" not in comment.body_html  # the javascript: link stays text
    assert "<img" not in comment.body_html
    assert "&lt;script&gt;" in comment.body_html


def test_a_letter_after_the_deadline_is_marked_late_when_the_period_accepts_it(as_staff, ctx):
    policy = policy_with_period("closed", accepts_late=True)
    response = as_staff.post_form(_url(policy), _form(received_at=local(utcnow())))

    assert response.status_code == 302
    [comment] = comments_of(policy)
    assert comment.is_late is True


# Refusals: a clear message on the field, the input kept, nothing stored -----------------------


def _refused(client, policy, field: str, message: str, **overrides) -> str:
    response = client.post_form(_url(policy), _form(**overrides))
    page = _page(response)
    assert response.status_code == 400
    assert message in page
    assert f'href="#{field}"' in page  # the error summary links to the field
    assert f'id="{field}-error"' in page
    assert comments_of(policy) == []
    assert audits("comment.enter") == []
    return page


def test_an_empty_comment_is_refused_and_the_rest_is_kept(as_staff, policy):
    page = _refused(as_staff, policy, "body", "Enter the comment.", body="   ")
    assert 'value="María Pérez"' in page
    assert '<option selected value="Dorchester">' in page


def test_an_oversized_comment_is_refused_with_its_length(as_staff, policy):
    page = _refused(as_staff, policy, "body", "this one has 5001", body="x" * 5001)
    assert "x" * 5001 in page  # the text survives


def test_a_date_in_the_future_is_refused(as_staff, policy):
    later = local(utcnow() + timedelta(days=2))
    _refused(as_staff, policy, "received_at", "can't be in the future", received_at=later)


def test_an_unreadable_date_is_refused(as_staff, policy):
    _refused(as_staff, policy, "received_at", "Enter a date and time like", received_at="soon")


def test_a_missing_date_is_refused(as_staff, policy):
    _refused(as_staff, policy, "received_at", "Enter the date and time", received_at="")


def test_a_missing_channel_is_refused(as_staff, policy):
    _refused(as_staff, policy, "channel", "Not a valid choice", channel="web")


def test_a_section_that_does_not_exist_is_refused(as_staff, policy):
    _refused(as_staff, policy, "section_key", "Not a valid choice", section_key="nope")


def test_an_unknown_language_is_refused(as_staff, policy):
    _refused(as_staff, policy, "language", "Not a valid choice", language="xx")


def test_a_letter_after_the_deadline_is_refused_without_late_acceptance(as_staff, ctx):
    policy = policy_with_period("closed")
    _refused(
        as_staff,
        policy,
        "received_at",
        "That date is after the comment period closed.",
        received_at=local(utcnow() - timedelta(days=1)),
    )


def test_a_letter_from_before_the_period_opened_is_refused(as_staff, policy):
    early = local(utcnow() - timedelta(days=30))
    _refused(
        as_staff, policy, "received_at", "no comment period open on that date", received_at=early
    )


def test_a_post_without_the_csrf_token_changes_nothing(as_staff, policy):
    response = as_staff.post(_url(policy), data=_form())
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) == 0
