"""Written testimony to a city meeting: it enters the policy's record as a meeting comment."""

import pytest

from engage.audit import AuditEntry
from engage.comments.models import Comment
from engage.events.services import meetings
from engage.events.services.testimony import WrittenTestimony, submit_written_testimony
from engage.extensions import db
from tests import factories
from tests.events.helpers_cal import make_meeting


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Automated license plate readers", period="open")


def written_fields(policy, **overrides) -> dict:
    data = {
        "policy_id": str(policy.id),
        "body": "Keep plate data **7 days** at most.",
        "stance": "concerns",
        "show_name": "y",
    }
    data.update(overrides)
    return data


def test_written_testimony_enters_the_record_as_a_meeting_comment(
    client, login, resident, policy, outbox
):
    event = make_meeting([policy])
    login(resident)
    response = client.post_form(f"/meetings/{event.id}/testimony", written_fields(policy))
    assert response.status_code == 302
    comment = db.session.scalar(db.select(Comment).where(Comment.author_id == resident.id))
    assert comment.channel == "meeting"
    assert comment.policy_id == policy.id
    assert comment.status == "published" and not comment.is_late
    assert comment.stance == "concerns"
    assert "<strong>7 days</strong>" in comment.body_html
    assert comment.received_at is not None
    assert [m.to_address for m in outbox("comment_receipt")] == [resident.email]
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "meeting.testimony"))
    assert entry.detail["event"] == event.id
    thread = client.get(f"/policies/{policy.slug}").get_data(as_text=True)
    assert "7 days" in thread


def test_testimony_after_the_period_closed_is_kept_and_marked_late(client, login, resident):
    policy = factories.make_policy(period="closed")
    event = make_meeting([policy])
    login(resident)
    response = client.post_form(f"/meetings/{event.id}/testimony", written_fields(policy))
    assert response.status_code == 302
    comment = db.session.scalar(db.select(Comment).where(Comment.author_id == resident.id))
    assert comment.is_late and comment.channel == "meeting"


def test_the_same_form_sent_twice_makes_one_comment(client, login, resident, policy):
    event = make_meeting([policy])
    login(resident)
    data = written_fields(policy, submission="token-123")
    assert client.post_form(f"/meetings/{event.id}/testimony", data).status_code == 302
    assert client.post_form(f"/meetings/{event.id}/testimony", data).status_code == 302
    assert len(db.session.scalars(db.select(Comment)).all()) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": ""}, "Write your testimony."),
        ({"body": "x" * 5001}, "5000"),
        ({"stance": "furious"}, "Not a valid choice"),
        ({"policy_id": "999999"}, "Not a valid choice"),
        ({"policy_id": "abc"}, "Policy"),
    ],
)
def test_bad_testimony_is_refused(client, login, resident, policy, overrides, message):
    event = make_meeting([policy])
    login(resident)
    response = client.post_form(
        f"/meetings/{event.id}/testimony", written_fields(policy, **overrides)
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert not db.session.scalars(db.select(Comment)).all()


def test_testimony_on_a_policy_the_meeting_is_not_about_is_refused(ctx, resident, policy):
    event = make_meeting([policy])
    other = factories.make_policy(period="open")
    data = meetings_testimony(other.id)
    with pytest.raises(meetings.EventError, match="policies this meeting is about"):
        submit(resident, event, data)
    assert not db.session.scalars(db.select(Comment)).all()


def test_no_written_testimony_when_the_meeting_takes_none(client, login, resident, policy):
    event = make_meeting([policy], testimony_open=False)
    login(resident)
    response = client.post_form(f"/meetings/{event.id}/testimony", written_fields(policy))
    assert response.status_code == 400
    assert "not taking public testimony" in response.get_data(as_text=True)
    assert not db.session.scalars(db.select(Comment)).all()


def test_an_unconfirmed_account_cannot_testify(ctx, policy):
    event = make_meeting([policy])
    person = factories.make_user(confirmed=False)
    with pytest.raises(meetings.EventError, match="Confirm your email"):
        meetings.sign_up_to_speak(person, event, "in_person")
    with pytest.raises(meetings.EventError, match="Confirm your email"):
        submit(person, event, meetings_testimony(policy.id))


def test_a_policy_without_any_period_refuses_written_testimony(ctx, resident):
    policy = factories.make_policy()
    event = make_meeting([policy])
    with pytest.raises(meetings.EventError, match="no comment record"):
        submit(resident, event, meetings_testimony(policy.id))


def meetings_testimony(policy_id):
    return WrittenTestimony(policy_id=policy_id, body="Please limit retention.")


def submit(user, event, data):
    return submit_written_testimony(user, event, data)
