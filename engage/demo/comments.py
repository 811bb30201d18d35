"""Demo comment threads: residents, what they said, and the City's answers.

Open periods get their comments through the comment services, as the site posts them (the
receipts and reply notices wait in the outbox), then each is dated back to the moment its
text names, so threads and per-day counts read like weeks of conversation. Closed periods
take no comments any more, so theirs are stored the way the services stored them then.
Every comment carries a stable key ("demo:<key>" as its form token or import key): a second
run finds it and adds nothing.
"""

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email
from engage.comments.models import MAX_DEPTH, Channel, Comment, CommentStatus, Subscription
from engage.comments.services import (
    CommentData,
    OfflineComment,
    edit_comment,
    endorse,
    enter_offline_comment,
    flag,
    follow,
    post_comment,
    withdraw_comment,
)
from engage.comments.services.posting import existing_submission, new_tracking_number
from engage.demo import comment_texts_alpr as alpr
from engage.demo import comment_texts_bwc as bwc
from engage.demo import comment_texts_campaign as campaign
from engage.demo import comment_texts_drones as drones
from engage.demo import comment_texts_social as social
from engage.demo.comment_specs import FOLLOWS, RESIDENTS, STAFF, Received, Said
from engage.demo.comment_texts_closed import PAST_THREADS
from engage.demo.people import DEMO_PASSWORD
from engage.demo.policy_texts import DemoTextError
from engage.demo.when import local_day
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy, PolicyVersion
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow

OPEN_THREADS = {
    "bpd-body-worn-cameras": bwc.THREAD,
    "bpd-automated-license-plate-readers": alpr.THREAD + campaign.CAMPAIGN_THREAD,
    "bpd-drones": drones.THREAD,
    "bpd-social-media-analysis-tools": social.THREAD,
}
RECEIVED = {
    "bpd-body-worn-cameras": bwc.RECEIVED,
    "bpd-automated-license-plate-readers": alpr.RECEIVED + campaign.CAMPAIGN_RECEIVED,
    "bpd-drones": drones.RECEIVED,
    "bpd-social-media-analysis-tools": social.RECEIVED,
}
ENDORSERS = tuple(resident.handle for resident in RESIDENTS)


@dataclass
class Tally:
    created: int = 0
    present: int = 0
    entered: int = 0
    past: int = 0
    endorsements: int = 0
    flags: int = 0


def load_comments(users: dict[str, User]) -> list[str]:
    """Create the demo residents and their threads; return the lines the command prints."""
    people, resident_line = load_residents()
    people |= {STAFF: users["staff"], "resident": users["resident"]}
    policies = {p.slug: p for p in db.session.scalars(db.select(Policy))}
    tally = Tally()
    for slug, thread in OPEN_THREADS.items():
        _post_thread(policies[slug], thread, people, tally)
    for slug, received in RECEIVED.items():
        for item in received:
            _enter(users["staff"], policies[slug], item, tally)
    for slug, (number, thread) in PAST_THREADS.items():
        _record_thread(policies[slug].version(number), thread, people, tally)
    follows = _follow(people, policies)
    lines = [resident_line, f"comments: {tally.created} created, {tally.present} already present"]
    if tally.created:
        lines.append(
            f"  of those: {tally.entered} entered by staff (letters, email, phone, meetings), "
            f"{tally.past} on closed periods"
        )
    lines.append(
        f"endorsements: {tally.endorsements} added; flags: {tally.flags} added; "
        f"follows: {follows} created"
    )
    return lines


def load_residents() -> tuple[dict[str, User], str]:
    """The residents who talk in the demo's threads, by handle."""
    people: dict[str, User] = {}
    created = 0
    for number, resident in enumerate(RESIDENTS):
        user = find_by_email(resident.email)
        if user is None:
            user = create_user(resident.email, "resident", DEMO_PASSWORD, resident.name)
            user.neighborhood = resident.neighborhood
            user.preferred_language = resident.language
            user.created_at = local_day(-120 + 2 * number, 19)
            created += 1
        people[resident.handle] = user
    present = len(RESIDENTS) - created
    return people, f"demo residents: {created} created, {present} already present"


def _key(said: Said) -> str:
    return f"demo:{said.key}"


def _moment(day: int, at: str) -> datetime:
    hour, minute = (int(part) for part in at.split(":"))
    return local_day(day, hour, minute)


def _check_moment(said: Said, moment: datetime, period: CommentPeriod, parent) -> None:
    """A demo text dated outside its period, in the future or before its parent is a bug."""
    if not period.opens_at <= moment <= min(period.closes_at, utcnow()):
        raise DemoTextError(f"{said.key}: {moment} is outside its comment period or to come")
    if parent is not None and moment <= parent.created_at:
        raise DemoTextError(f"{said.key}: a reply must come after {said.reply_to}")


def _parent(said: Said, posted: dict[str, Comment]) -> Comment | None:
    if said.reply_to is None:
        return None
    if said.reply_to not in posted:
        raise DemoTextError(f"{said.key}: {said.reply_to} must come earlier in its thread")
    return posted[said.reply_to]


def _place(said: Said, author: User) -> str | None:
    return author.neighborhood if said.place else None


# Open periods: through the services, then dated back.


def _post_thread(policy: Policy, thread: tuple[Said, ...], people: dict, tally: Tally) -> None:
    posted: dict[str, Comment] = {}
    fresh: list[tuple[Said, Comment]] = []
    for said in thread:
        comment = existing_submission(people[said.who], _key(said))
        if comment is None:
            comment = _post(policy, said, people[said.who], _parent(said, posted))
            fresh.append((said, comment))
        posted[said.key] = comment
    tally.created += len(fresh)
    tally.present += len(thread) - len(fresh)
    for said, comment in fresh:
        _react(said, comment, people, tally)
    for said, comment in fresh:
        if said.withdrawn:
            _withdraw(comment, people[said.who], posted.values())


def _post(policy: Policy, said: Said, author: User, parent: Comment | None) -> Comment:
    data = CommentData(
        body=said.first_draft or said.body,
        stance=said.stance,
        section_key=said.section,
        parent_id=parent.id if parent else None,
        show_name=not said.anonymous,
        neighborhood=_place(said, author),
        idempotency_key=_key(said),
        language=said.language or "en",
    )
    comment = post_comment(author, policy, data, official=said.who == STAFF)
    if said.first_draft:
        edit_comment(author, comment, said.body)
    moment = _moment(said.day, said.at)
    _check_moment(said, moment, db.session.get(CommentPeriod, comment.period_id), parent)
    comment.created_at = comment.received_at = moment
    if comment.edited_at is not None:
        comment.edited_at = moment + timedelta(minutes=6)
        for revision in comment.revisions:
            revision.created_at = comment.edited_at
    return comment


def _withdraw(comment: Comment, author: User, thread) -> None:
    """Withdraw after the replies it drew, so the placeholder keeps them in context."""
    replies = [c.created_at for c in thread if c.parent_id == comment.id]
    withdraw_comment(author, comment)
    comment.withdrawn_at = max(replies, default=comment.created_at) + timedelta(hours=3)


def _react(said: Said, comment: Comment, people: dict, tally: Tally) -> None:
    """Endorsements from other residents, and flags, in the hours after the comment."""
    start = zlib.crc32(said.key.encode()) % len(ENDORSERS)
    ring = ENDORSERS[start:] + ENDORSERS[:start]
    endorsers = [handle for handle in ring if handle != said.who][: said.endorsements]
    for hours, handle in enumerate(endorsers, 1):
        endorsement = endorse(people[handle], comment)
        endorsement.created_at = _after(comment, hours * 2.5)
    for handle, reason, note in said.flags:
        flag(people[handle], comment, reason, note).created_at = _after(comment, 5)
    tally.endorsements += len(endorsers)
    tally.flags += len(said.flags)


def _after(comment: Comment, hours: float) -> datetime:
    return min(comment.created_at + timedelta(hours=hours), utcnow())


# Comments received offline, typed in by staff.


def _enter(staff: User, policy: Policy, item: Received, tally: Tally) -> None:
    key = f"demo:{item.key}"
    if db.session.scalar(db.select(Comment.id).where(Comment.import_key == key)) is not None:
        tally.present += 1
        return
    data = OfflineComment(
        body=item.body,
        channel=item.channel,
        received_at=_moment(item.day, item.at),
        author_name=item.name,
        language=item.language or "en",
        neighborhood=item.neighborhood,
        stance=item.stance,
        section_key=item.section,
        import_key=key,
    )
    comment = enter_offline_comment(staff, policy, data)
    comment.created_at = comment.received_at  # listed in the thread when it arrived
    tally.created += 1
    tally.entered += 1


# Closed periods: stored as the services stored comments while the period was open.


def _record_thread(version: PolicyVersion, thread: tuple[Said, ...], people, tally) -> None:
    period = version.periods[0]
    posted: dict[str, Comment] = {}
    for said in thread:
        author = people[said.who]
        comment = existing_submission(author, _key(said))
        if comment is None:
            comment = _record(version, period, said, author, _parent(said, posted))
            _react(said, comment, people, tally)
            tally.created += 1
            tally.past += 1
        else:
            tally.present += 1
        posted[said.key] = comment


def _record(version, period, said: Said, author: User, parent: Comment | None) -> Comment:
    moment = _moment(said.day, said.at)
    _check_moment(said, moment, period, parent)
    if parent is not None and parent.depth >= MAX_DEPTH:
        parent = parent.parent
    body = clean_text(said.body)
    comment = Comment(
        tracking_number=new_tracking_number(),
        policy_id=version.policy_id,
        version_id=version.id,
        period_id=period.id,
        section_key=said.section or (parent.section_key if parent else None),
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_id=author.id,
        show_name=not said.anonymous,
        neighborhood=_place(said, author),
        stance=said.stance,
        body_md=body,
        body_html=render_markdown(body),
        channel=Channel.WEB.value,
        language=said.language or "en",
        is_official_response=said.who == STAFF,
        created_at=moment,
        received_at=moment,
        idempotency_key=_key(said),
        status=CommentStatus.PUBLISHED.value,
    )
    db.session.add(comment)
    db.session.flush()
    if parent is not None:
        parent.reply_count += 1
    return comment


def _follow(people: dict, policies: dict[str, Policy]) -> int:
    """Follow the policies each person cares about; return how many follows are new."""
    before = db.session.scalar(db.select(func.count(Subscription.id)))
    for handle, slugs in FOLLOWS.items():
        for slug in slugs:
            follow(people[handle], policies[slug])
    return db.session.scalar(db.select(func.count(Subscription.id))) - before
