"""A hand-counted comment period for the summary tests (the COMPUTE helper's).

Comments are stored as rows, so every field is exactly what the test says. The counts each
test expects are worked out by hand in HAND_COUNTED below, next to the rows that make them.

The period runs March 1-10, 2025 in Boston (daylight saving time starts on March 9).
"""

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from engage.board.models import CommentTheme, Summary, Theme
from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.events.models import SessionFinding, SessionReport
from engage.extensions import db
from engage.policies.models import CommentPeriod
from engage.sanitize import render_markdown
from tests import factories
from tests.events.helpers_cal import make_event, make_org

_seq = itertools.count(1)
OPENS = datetime(2025, 3, 1, 5, 0, tzinfo=UTC)  # March 1, midnight in Boston (EST)
CLOSES = datetime(2025, 3, 11, 4, 0, tzinfo=UTC)  # March 11, midnight (EDT): last day March 10


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC moment in March 2025."""
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC)


def add_comment(period: CommentPeriod, body: str = "A comment.", **fields) -> Comment:
    n = next(_seq)
    when = fields.pop("received_at", at(2, 15))
    comment = Comment(
        tracking_number=f"T-{n:06d}-{period.id}",
        policy_id=period.version.policy_id,
        version_id=period.version_id,
        period_id=period.id,
        body_md=body,
        body_html=render_markdown(body),
        created_at=when,
        received_at=when,
        **fields,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def reply(parent: Comment, body: str = "A reply.", **fields) -> Comment:
    period = db.session.get(CommentPeriod, parent.period_id)
    return add_comment(
        period,
        body,
        parent_id=parent.id,
        root_id=parent.root_id or parent.id,
        depth=parent.depth + 1,
        **fields,
    )


def make_period(policy=None) -> CommentPeriod:
    policy = policy or factories.make_policy()
    period = CommentPeriod(
        version=policy.current_version,
        opens_at=OPENS,
        closes_at=CLOSES,
        original_closes_at=CLOSES,
    )
    db.session.add(period)
    db.session.flush()
    return period


def make_summary(period: CommentPeriod) -> Summary:
    summary = Summary(policy_id=period.version.policy_id, period_id=period.id)
    db.session.add(summary)
    db.session.flush()
    return summary


def tag(theme: Theme, *comments: Comment) -> None:
    db.session.add_all(CommentTheme(comment_id=c.id, theme_id=theme.id) for c in comments)
    db.session.flush()


def make_theme(policy_id: int, name: str) -> Theme:
    theme = Theme(policy_id=policy_id, name=name)
    db.session.add(theme)
    db.session.flush()
    return theme


@dataclass
class Fixture:
    summary: Summary
    period: CommentPeriod
    comments: dict[str, Comment] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)


# What the fixture's summary must say, counted by hand from the rows in hand_counted().
HAND_COUNTED = {
    "comments": 14,  # c1 c2 c3 c4 c6 c7 c18 c19 + campaign A (4 published) + B (2)
    "commenters": 11,  # alice bob carol + a1..a4 + b1 b2 (accounts) + c6 + c7 (no account)
    "replies": 1,  # c4 (the city's answer to c3 is an official response, not a reply)
    "official_responses": 1,
    "by_stance": {"support": 1, "oppose": 5, "concerns": 1, "question": 3, "neutral": 0,
                  "none": 4},
    "by_section": {"purpose": 0, "data_retention": 3, "general": 11},
    "by_neighborhood": {"Dorchester": 5, "Mattapan": 1, "Roxbury": 1, "not given": 7},
    "by_channel": {"web": 12, "email": 0, "letter": 1, "phone": 1, "meeting": 0},
    "by_language": {"en": 11, "es": 1, "ht": 1, "unknown": 1},
    # c3 arrives at 03:30 UTC on March 2: 22:30 on March 1 in Boston; c7 at 03:30 UTC on
    # March 9: still March 8 (EST until 2 am); c19 arrives late, on March 12.
    "by_day": {"2025-03-01": 2, "2025-03-02": 1, "2025-03-03": 1, "2025-03-05": 1,
               "2025-03-06": 6, "2025-03-08": 1, "2025-03-10": 1, "2025-03-12": 1},
    "days": 12,  # March 1 to 12, zeros included
    "individual": 8,
    "campaigns": 2,
    "themes": {"Retention period": 3, "Sharing with federal agencies": 2,
               "Facial recognition": 0},
    "questions": 3,  # c3 (answered), c7, c18
    "hidden": {"harassment": 2, "spam": 1},  # the hidden comment, campaign A's hidden copy
}  # fmt: skip


def _people() -> dict:
    return {
        name: factories.make_user(display_name=name.title()) for name in ("alice", "bob", "carol")
    }


def hand_counted() -> Fixture:
    period = make_period()
    policy_id = period.version.policy_id
    people, staff = _people(), factories.make_user(role="staff")

    def add(**fields) -> Comment:
        return add_comment(period, **fields)

    c = {}
    c["c1"] = add(
        body="Keep footage 30 days at most.",
        author_id=people["alice"].id,
        stance="support",
        section_key="data_retention",
        neighborhood="Dorchester",
        language="en",
        received_at=at(1, 15),
        endorsement_count=4,
    )
    c["c2"] = add(
        body="Never share with federal agencies.",
        author_id=people["alice"].id,
        stance="oppose",
        neighborhood="Roxbury",
        language="en",
        received_at=at(2, 16),
    )
    c["c3"] = add(
        body="Who can see the *retention* logs?",
        author_id=people["bob"].id,
        stance="question",
        section_key="data_retention",
        language="es",
        received_at=at(2, 3, 30),
    )
    c["c4"] = reply(
        c["c3"],
        "Good question.",
        author_id=people["carol"].id,
        language="en",
        received_at=at(3, 18),
    )
    c["answer"] = reply(
        c["c3"],
        "The auditor and the commissioner.",
        author_id=staff.id,
        is_official_response=True,
        language="en",
        received_at=at(4, 18),
    )
    c["c6"] = add(
        body="Do not sell our data to ICE.",
        author_name="Maria",
        channel="letter",
        stance="concerns",
        neighborhood="Mattapan",
        language="ht",
        received_at=at(5, 17),
    )
    c["c7"] = add(
        body="Is there a map of cameras?",
        channel="phone",
        stance="question",
        received_at=at(9, 3, 30),
    )
    c["c18"] = add(
        body="Who audits the searches?",
        author_id=people["bob"].id,
        stance="question",
        section_key="data_retention",
        language="en",
        received_at=at(10, 20),
    )
    c["c19"] = add(
        body="Late, but please shorten retention.",
        author_id=people["carol"].id,
        language="en",
        is_late=True,
        received_at=at(12, 14),
    )
    campaigns = _campaigns(period, c)
    _not_counted(period, c)
    themes = {name: make_theme(policy_id, name) for name in HAND_COUNTED["themes"]}
    tag(themes["Retention period"], c["c1"], c["c3"], c["a1"], c["hidden"])
    tag(themes["Sharing with federal agencies"], c["c2"], c["c6"], c["withdrawn"])
    return Fixture(make_summary(period), period, c, themes, campaigns)


def _campaigns(period: CommentPeriod, c: dict) -> dict:
    """Campaign A: 4 published copies and a hidden one (its representative, so never quoted);
    campaign B: 2 published copies."""
    policy_id = period.version.policy_id
    letter = "I urge the city to delete plate reads within 24 hours."
    a = Campaign(policy_id=policy_id, size=5)
    b = Campaign(policy_id=policy_id, size=2)
    db.session.add_all([a, b])
    db.session.flush()
    copy = {"body": letter, "stance": "oppose", "neighborhood": "Dorchester", "language": "en"}
    c["a0"] = add_comment(
        period,
        status="hidden",
        moderation_reason="harassment",
        author_id=factories.make_user().id,
        campaign_id=a.id,
        received_at=at(6, 14),
        **copy,
    )
    for n in range(1, 5):
        c[f"a{n}"] = add_comment(
            period,
            author_id=factories.make_user().id,
            campaign_id=a.id,
            received_at=at(6, 14 + n),
            **copy,
        )
    for n in range(1, 3):
        c[f"b{n}"] = add_comment(
            period,
            body="Please publish the audits.",
            author_id=factories.make_user().id,
            campaign_id=b.id,
            language="en",
            received_at=at(6, 20 + n),
        )
    a.representative_comment_id = c["a0"].id
    b.representative_comment_id = c["b2"].id
    db.session.flush()
    return {"A": a, "B": b}


def _not_counted(period: CommentPeriod, c: dict) -> None:
    """Hidden, spam, held, withdrawn, and a comment of another period."""
    c["hidden"] = add_comment(
        period,
        body="You are all liars.",
        status="hidden",
        moderation_reason="harassment",
        received_at=at(3, 12),
    )
    c["spam"] = add_comment(
        period,
        body="Buy cheap watches.",
        status="spam",
        moderation_reason="spam",
        received_at=at(3, 13),
    )
    c["held"] = add_comment(
        period, body="Waiting for review.", status="held", received_at=at(4, 13)
    )
    c["withdrawn"] = add_comment(
        period, body="Never mind.", status="withdrawn", received_at=at(4, 14)
    )
    other = make_period(period.version.policy)
    other.opens_at, other.closes_at = OPENS - timedelta(days=400), CLOSES - timedelta(days=400)
    c["elsewhere"] = add_comment(other, body="Old period.", received_at=at(2, 15))


def add_session(policy, period_of_session: datetime, attendance: int = 25):
    """A reported listening session about `policy`, held at that moment."""
    event = make_event(make_org(), [policy], starts_at=period_of_session, title="Cameras talk")
    report = SessionReport(event_id=event.id, attendance=attendance, themes=["retention", "audits"])
    db.session.add(report)
    db.session.flush()
    heard = "People asked for *shorter* retention."
    db.session.add(
        SessionFinding(
            report_id=report.id,
            policy_id=policy.id,
            heard_md=heard,
            heard_html=render_markdown(heard),
        )
    )
    db.session.flush()
    return event
