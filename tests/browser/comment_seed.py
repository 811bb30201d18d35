"""Comments for the axe-core page checks: a thread on a policy with everything a thread can
show (replies three levels deep, an official response, a letter, an edited, a flagged and a
withdrawn comment, endorsements, a second page), and policies whose period is closed, upcoming
or taking late comments. Made with the comment services, in the live app."""

from datetime import timedelta

from engage.comments import services as commenting
from engage.comments.models import Channel, Comment
from engage.comments.services.follows import replies_unsubscribe_token
from engage.extensions import db
from engage.reference import neighborhoods
from engage.types import utcnow
from tests import factories


def _comment(author, policy, body: str, official: bool = False, **fields) -> Comment:
    data = commenting.CommentData(body=body, **fields)
    return commenting.post_comment(author, policy, data, official=official)


def _conversation(policy, resident, staff, other, third) -> dict:
    """A conversation three levels deep with an official response; the resident endorsed it."""
    root = _comment(
        other,
        policy,
        "Please keep the **retention period** short:\n\n- 30 days\n- then delete\n\n"
        "> Footage is kept for 90 days\n\nSee [the state law](https://example.org/law).",
        stance="support",
        section_key="purpose",
        neighborhood=neighborhoods()[0],
    )
    own = _comment(resident, policy, "I agree, and audits should be public.", parent_id=root.id)
    level3 = _comment(third, policy, "Who audits it?", parent_id=own.id, show_name=False)
    _comment(other, policy, "The city auditor, I think.", parent_id=level3.id, stance="neutral")
    _comment(staff, policy, "The *city auditor* reviews access logs.", True, parent_id=root.id)
    commenting.endorse(resident, root)
    commenting.endorse(staff, root)
    return {"comment_id": root.id, "reply_id": level3.id, "own_comment_id": own.id}


def _other_comments(policy, resident, staff, third) -> dict:
    """A withdrawn comment with a reply, a letter, an edited and a flagged comment, and the
    resident's comment that is too old to edit."""
    withdrawn = _comment(third, policy, "I withdraw this.", section_key="data_retention")
    _comment(resident, policy, "Why was it withdrawn?", parent_id=withdrawn.id)
    commenting.withdraw_comment(third, withdrawn)
    letter = commenting.OfflineComment(
        body="By letter: please hold a public meeting.",
        channel=Channel.LETTER.value,
        received_at=utcnow() - timedelta(days=1),
        author_name="Pat Letterwriter",
        language="en",
        section_key="data_retention",
    )
    commenting.enter_offline_comment(staff, policy, letter)
    edited = _comment(third, policy, "First draft.", stance="concerns")
    commenting.edit_comment(third, edited, "Second draft, with **more** detail.")
    commenting.flag(resident, edited, "spam")
    expired = _comment(resident, policy, "Posted a while ago.", section_key="data_retention")
    expired.created_at = utcnow() - timedelta(minutes=20)
    return {"withdrawn_id": withdrawn.id, "expired_comment_id": expired.id}


def _other_policies(technology, other) -> dict:
    """Policies whose period is closed (with a comment), upcoming, or taking late comments."""
    closed = factories.make_policy(title="Drone policy", period="open", technology=technology)
    on_closed = _comment(other, closed, "Posted while it was open.")
    period = closed.current_version.periods[0]
    period.opens_at, period.closes_at = utcnow() - timedelta(days=40), utcnow() - timedelta(days=9)
    period.original_closes_at = period.closes_at
    upcoming = factories.make_policy(title="Gunshot detection policy", period="upcoming")
    late = factories.make_policy(title="Social media monitoring policy")
    factories.add_period(late.current_version, "closed", accepts_late=True)
    return {
        "closed_policy": closed.slug,
        "closed_comment_id": on_closed.id,
        "upcoming_policy": upcoming.slug,
        "late_policy": late.slug,
    }


def seed_comments(policy, staff, resident, other) -> dict:
    """The thread on `policy`, enough of it to fill two pages, and policies in other states.

    Returns the ids, slugs and tokens the pages need (names as in test_axe_pages.Seed).
    """
    third = factories.make_user(display_name="Third Neighbour")
    found = _conversation(policy, resident, staff, other, third)
    found |= _other_comments(policy, resident, staff, third)
    filler = factories.make_user(display_name="Frequent Commenter")
    for number in range(16):  # 21 conversations: a second page
        _comment(filler, policy, f"Filler comment number {number + 1}.")
    subscription = commenting.follow(resident, policy)
    found |= _other_policies(policy.technology, other)
    db.session.flush()
    return found | {
        "follow_token": subscription.token,
        "replies_token": replies_unsubscribe_token(resident),
    }
