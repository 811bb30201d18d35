"""The demo's comment threads: conversations a visitor can read, and nothing added twice."""

import re
from collections import Counter

from sqlalchemy import func, or_

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.comments.models import (
    Comment,
    CommentRevision,
    CommentStatus,
    Endorsement,
    Flag,
    Subscription,
)
from engage.demo import load_demo
from engage.demo.comment_texts_closed import PAST_THREADS
from engage.demo.comments import OPEN_THREADS, RECEIVED
from engage.extensions import db
from engage.mail import OutboxMessage
from engage.policies.models import CommentPeriod, Policy, PolicyStatus
from engage.types import utcnow

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TRACKING = re.compile(r"^C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
ALPR = "bpd-automated-license-plate-readers"
WRITTEN = [
    *(said for thread in OPEN_THREADS.values() for said in thread),
    *(item for received in RECEIVED.values() for item in received),
    *(said for _, thread in PAST_THREADS.values() for said in thread),
]
KEYS = {f"demo:{item.key}" for item in WRITTEN}


def policy(slug: str) -> Policy:
    return db.session.scalar(db.select(Policy).where(Policy.slug == slug))


def comments_on(slug: str) -> list[Comment]:
    return list(
        db.session.scalars(
            db.select(Comment).where(Comment.policy_id == policy(slug).id).order_by(Comment.id)
        )
    )


def all_comments() -> list[Comment]:
    """The comment threads' comments (other parts of the demo add a few of their own)."""
    ours = or_(Comment.idempotency_key.in_(KEYS), Comment.import_key.in_(KEYS))
    return list(db.session.scalars(db.select(Comment).where(ours)))


def count(model) -> int:
    return db.session.scalar(db.select(func.count()).select_from(model))


def test_every_open_policy_has_a_real_conversation_and_one_has_a_campaign(demo):
    open_slugs = {
        p.slug
        for p in db.session.scalars(db.select(Policy))
        if p.status == PolicyStatus.OPEN_FOR_COMMENT
    }
    assert open_slugs == set(OPEN_THREADS)
    for slug in open_slugs:
        thread = comments_on(slug)
        top_level = [c for c in thread if c.parent_id is None]
        assert len(top_level) >= 5 and 6 <= len(thread) <= 40, slug
        assert any(c.parent_id for c in thread), slug
        assert len({c.stance for c in thread if c.stance}) >= 3, slug
        assert len({c.section_key for c in thread if c.section_key}) >= 3, slug
        assert any(c.endorsement_count >= 5 for c in thread), slug
        assert any(c.channel != "web" for c in thread), slug
    every = all_comments()
    assert max(c.depth for c in every) == 2
    official = [c for c in every if c.is_official_response]
    assert len({c.policy_id for c in official}) >= 3
    assert all(c.parent_id and c.author.email == "staff@demo.engage" for c in official)
    assert any(not c.show_name and c.channel == "web" for c in every)
    assert any(c.author_name is None and c.channel != "web" for c in every)
    assert {"en", "es", "ht", "vi", "zh-Hant", "zh-Hans"} <= {c.language for c in every}
    assert {"email", "letter", "phone", "meeting"} <= {c.channel for c in every}
    # A small form-letter campaign on the plate readers, for moderators to find.
    letters = [c for c in comments_on(ALPR) if c.body_md.startswith(("I urge", "To the Police"))]
    assert 12 <= len(letters) <= 15
    assert {c.channel for c in letters} == {"web", "email"}
    assert 3 <= len({c.body_md for c in letters}) < len(letters)
    assert all("I urge the Department to strengthen" in c.body_md for c in letters)


def test_endorsements_flags_edits_and_a_withdrawal_are_stored_as_the_services_store_them(demo):
    endorsed = Counter(db.session.scalars(db.select(Endorsement.comment_id)))
    every = all_comments()
    assert all(c.endorsement_count == endorsed[c.id] for c in every)
    assert sum(1 for c in every if c.endorsement_count >= 5) >= 10
    own = db.session.scalar(
        db.select(func.count(Endorsement.id))
        .join(Comment, Comment.id == Endorsement.comment_id)
        .where(Comment.author_id == Endorsement.user_id)
    )
    assert own == 0
    reasons = {f.reason for f in db.session.scalars(db.select(Flag))}
    assert {"off_topic", "personal_information"} <= reasons
    edited = [c for c in every if c.edited_at]
    assert len(edited) == 1 and edited[0].revisions
    assert edited[0].revisions[0].body_md != edited[0].body_md
    withdrawn = [c for c in every if c.status == CommentStatus.WITHDRAWN]
    assert len(withdrawn) == 1 and withdrawn[0].withdrawn_at
    replies = [c for c in every if c.parent_id == withdrawn[0].id]
    assert replies and all(r.status == CommentStatus.PUBLISHED for r in replies)
    assert withdrawn[0].reply_count == len(replies)
    for comment in every:
        assert comment.reply_count == sum(1 for c in every if c.parent_id == comment.id)


def test_threads_are_dated_inside_their_periods_and_replies_follow_their_parents(demo):
    now = utcnow()
    for comment in all_comments():
        period = db.session.get(CommentPeriod, comment.period_id)
        assert period.version_id == comment.version_id
        assert period.opens_at <= comment.created_at <= min(period.closes_at, now)
        assert comment.received_at <= now
        assert TRACKING.match(comment.tracking_number)
        if comment.parent_id:
            assert comment.created_at > comment.parent.created_at
            assert comment.root_id == (comment.parent.root_id or comment.parent.id)
    days = {c.created_at.date() for c in comments_on(ALPR)}
    assert len(days) >= 10
    for slug, (number, said) in PAST_THREADS.items():
        thread = comments_on(slug)
        assert len(thread) == len(said)
        assert {c.version_id for c in thread} == {policy(slug).version(number).id}
        assert all(db.session.get(CommentPeriod, c.period_id).closes_at < now for c in thread)


def test_follows_and_no_email_address_in_what_people_wrote(demo):
    resident = db.session.scalar(db.select(User).where(User.email == "resident@demo.engage"))
    followed = db.session.scalars(
        db.select(Subscription).where(Subscription.user_id == resident.id)
    ).all()
    assert len(followed) == 2
    assert count(Subscription) >= 10
    every = list(db.session.scalars(db.select(Comment)))
    texts = [c.body_md for c in every] + [c.author_name or "" for c in every]
    texts += list(db.session.scalars(db.select(CommentRevision.body_md)))
    texts += list(db.session.scalars(db.select(Flag.note)))
    assert not [match for text in texts for match in EMAIL.findall(text)]
    residents = db.session.scalars(
        db.select(User).where(User.email.like("resident__@demo.engage"))
    ).all()
    assert 12 <= len(residents) <= 20
    assert all(u.is_confirmed and u.role == "resident" and u.neighborhood for u in residents)
    assert all(u.display_name and "@" not in u.display_name for u in residents)
    assert len({u.preferred_language for u in residents}) >= 4


def test_a_second_load_creates_nothing(demo):
    models = (Comment, CommentRevision, Endorsement, Flag, Subscription, User, OutboxMessage)
    before = {model.__name__: count(model) for model in (*models, AuditEntry)}
    lines = load_demo()
    assert {model.__name__: count(model) for model in (*models, AuditEntry)} == before
    ours = len(all_comments())
    assert ours == len(WRITTEN) == len(KEYS)  # every text has its own key
    assert "demo residents: 0 created, 18 already present" in lines
    assert f"comments: 0 created, {ours} already present" in lines
    assert f"comments: {ours} created, 0 already present" in demo


def test_the_policy_pages_show_the_threads(demo, client):
    page = client.get("/policies/bpd-body-worn-cameras")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "The redaction unit was two people when I retired." in html
    assert "City response" in html and "Anonymous resident" in html
    assert "Mwen dakò pou videyo yo soti nan 20 jou travay." in html
    alpr = client.get(f"/policies/{ALPR}").get_data(as_text=True)
    assert "Withdrawn by its author" in alpr
    assert "retention went from 90 days to 30" in alpr
    assert "Received by email" in alpr and "Received at a public meeting" in alpr
    closed = client.get("/policies/bpd-fixed-video-camera-network")
    assert closed.status_code == 200
    assert "the first anyone heard of it was the bucket truck" in closed.get_data(as_text=True)
    for slug in RECEIVED:
        assert client.get(f"/policies/{slug}").status_code == 200
