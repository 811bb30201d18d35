"""Helpers for the campaign tests: letters and their copies, entered as offline comments."""

from engage.comments.models import Comment
from engage.extensions import db
from tests import factories
from tests.comments.helpers_offline import enter, policy_with_period, post

LETTER = [
    "I urge the Department to strengthen its license plate reader policy before it is "
    "adopted, because the draft leaves far too much to the discretion of the people who "
    "run the readers every day.",
    "Delete plate reads that match no hot list within twenty four hours, not thirty days, "
    "and publish how many reads are kept and for how long in the annual report.",
    "Require a search warrant for every search of stored plate reads, and log who searched, "
    "when and why, so that the auditors can check each search against its warrant.",
    "Never share plate data with agencies outside the state, and refuse every request from "
    "immigration enforcement, whatever form the request takes.",
]
OTHER_LETTER = [
    "The drone program should fly only when a supervisor has approved a written reason, "
    "and the footage of people who were not part of the incident should be blurred.",
    "Flights over public demonstrations must be forbidden outright, since the mere presence "
    "of a drone overhead is enough to keep many residents away from a protest.",
    "Publish a map of every flight each month with its purpose, its length and the unit "
    "that asked for it, so that neighborhoods can see how often they are watched.",
]


def text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def campaign_policy(**fields):
    return policy_with_period("open", **fields)


def letters(staff, policy, bodies: list[str]) -> list[Comment]:
    """Enter each body as a letter received by mail (grouped as it arrives)."""
    return [enter(staff, policy, body, author_name=f"Writer {n}") for n, body in enumerate(bodies)]


def partition(comments: list[Comment]) -> list[list[int]]:
    """The campaigns among `comments`, as sorted lists of their positions."""
    db.session.expire_all()
    groups: dict[int, list[int]] = {}
    for position, comment in enumerate(comments):
        if comment.campaign_id is not None:
            groups.setdefault(comment.campaign_id, []).append(position)
    return sorted(sorted(group) for group in groups.values() if len(group) > 1)


GUIDELINES = [
    {"key": "spam", "title": "Spam or advertising", "body_md": "No ads."},
    {"key": "within_guidelines", "title": "Within the guidelines", "body_md": "It may stay."},
]


def guidelines():
    """The current community guidelines, publishing a small set when there are none."""
    from engage.moderation.services.guidelines import current_guidelines, publish_guidelines

    return current_guidelines() or publish_guidelines(
        factories.make_user(role="admin"), "Be kind.", GUIDELINES, "First version."
    )


def department_policy(user):
    """An open policy of a department `user` now works for (a conflict for them)."""
    department = factories.make_department()
    user.department_id = department.id
    technology = factories.make_technology(department=department)
    return policy_with_period("open", technology=technology)


def web_campaign(policy, size: int, status: str = "published") -> list[Comment]:
    """`size` residents post the letter (with a signature each); every copy gets `status`."""
    copies = []
    for n in range(size):
        author = factories.make_user(display_name=f"Signer {n}")
        comment = post(author, policy, f"{text(LETTER)}\n\nSigned, Signer {n}")
        comment.status = status
        copies.append(comment)
    db.session.flush()
    return copies
