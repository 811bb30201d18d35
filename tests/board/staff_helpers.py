"""What the staff summary tests share: a closed period with comments, themes and a summary
whose stored numbers are written by hand (the design's data shape), so pages are checked
against numbers the test knows."""

import copy
import itertools
from datetime import timedelta

from engage.board.models import Summary, Theme
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy
from engage.sanitize import render_markdown
from engage.types import utcnow
from tests import factories

_seq = itertools.count(1)


def hand_data(period: CommentPeriod, themes: list[Theme], comments: list[Comment]) -> dict:
    """Stored numbers in the shape engage/board/compute.py writes (made up, but consistent)."""
    first = (period.opens_at + timedelta(hours=12)).date()
    quote = comments[0]
    return {
        "computed_at": utcnow().isoformat(),
        "period": {
            "opens_at": period.opens_at.isoformat(),
            "closes_at": period.closes_at.isoformat(),
        },
        "counts": {
            "comments": 3043,
            "commenters": 3041,
            "replies": 2,
            "official_responses": 1,
            "by_stance": {"support": 5, "oppose": 3010, "concerns": 20, "question": 3, "none": 5},
            "by_section": {"data_retention": 3020, "general": 23},
            "by_neighborhood": {"Roxbury": 12, "not given": 3031},
            "by_channel": {"web": 40, "email": 3000, "letter": 3, "phone": 0, "meeting": 0},
            "by_language": {"en": 3040, "es": 3},
            "by_day": [
                [(first + timedelta(days=i)).isoformat(), n] for i, n in enumerate((7, 0, 3036))
            ],
        },
        "voices": {"individual": 43, "campaigns": 1},
        "campaigns": [
            {
                "id": 77,
                "size": 3000,
                "representative_comment_id": quote.id,
                "excerpt": "Delete the plate reads after one day.",
            }
        ],
        "themes": [
            {
                "id": theme.id,
                "name": theme.name,
                "count": 37 - index,
                "by_stance": {"oppose": 30 - index, "support": 7, "none": 0},
                "quotes": [{"comment_id": quote.id, "excerpt": f"Quote about {theme.name}."}],
            }
            for index, theme in enumerate(themes)
        ],
        "suggested_themes": [
            {"phrase": "retention period", "count": 41},
            {"phrase": "federal agencies", "count": 12},
        ],
        "sessions": [
            {
                "id": 5,
                "title": "Plate readers in Roxbury",
                "starts_at": period.opens_at.isoformat(),
                "attendance": 34,
                "report_url": "/events/5/report",
                "themes": ["retention"],
                "organization": "Roxbury Neighbors",
                "finding": "People asked why reads are kept.",
            }
        ],
        "questions": [
            {
                "comment_id": quote.id,
                "excerpt": "Who can see the reads?",
                "answered": True,
                "response_comment_id": comments[1].id,
            },
            {
                "comment_id": comments[1].id,
                "excerpt": "Is a warrant needed?",
                "answered": False,
                "response_comment_id": None,
            },
        ],
        "hidden": {"total": 4, "by_reason": {"harassment": 3, "unspecified": 1}},
    }


def add_comment(
    policy: Policy, period: CommentPeriod, body: str = "Keep reads 24 hours.", **fields
):
    n = next(_seq)
    comment = Comment(
        tracking_number=f"S-{n:06d}-{policy.id}",
        policy_id=policy.id,
        version_id=policy.current_version.id,
        period_id=period.id,
        body_md=body,
        body_html=render_markdown(body),
        received_at=period.opens_at + timedelta(days=1),
        **fields,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def make_theme(policy: Policy, name: str) -> Theme:
    theme = Theme(policy_id=policy.id, name=name)
    db.session.add(theme)
    db.session.flush()
    return theme


class Setup:
    """A closed period of a policy with two themes, three comments and a computed draft."""

    def __init__(self, title: str = "License plate readers"):
        self.policy = factories.make_policy(title=title, period="closed")
        self.period = self.policy.current_version.periods[-1]
        self.comments = [
            add_comment(self.policy, self.period, body)
            for body in ("Delete reads after a day.", "Is a warrant needed?", "Share nothing.")
        ]
        self.retention = make_theme(self.policy, "Retention period")
        self.sharing = make_theme(self.policy, "Data sharing")
        self.summary = Summary(
            policy_id=self.policy.id,
            period_id=self.period.id,
            data=hand_data(self.period, [self.retention, self.sharing], self.comments),
            computed_at=utcnow(),
            stale=False,
        )
        db.session.add(self.summary)
        db.session.flush()

    def data(self) -> dict:
        return copy.deepcopy(self.summary.data)

    @property
    def url(self) -> str:
        return f"/staff/summaries/{self.summary.id}"
