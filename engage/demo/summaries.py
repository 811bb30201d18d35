"""Demo summaries: themes staff tagged on three policies, and computed drafts.

Staff keep a list of themes for the license plate reader, body-worn camera and fixed video
camera policies, and have tagged the comments that raise each (every copy of the plate reader
campaign's letter included). Every closed comment period and the open license plate reader
period get their summary, computed by the summary job as the site would. Themes, tags and
summaries are looked up before they are made: a second run adds nothing (the numbers are
computed again).
"""

from sqlalchemy import or_

from engage.board.jobs import refresh
from engage.board.models import CommentTheme, Summary, Theme
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy, PolicyVersion
from engage.types import utcnow

ALPR = "bpd-automated-license-plate-readers"
CAMPAIGN = "campaign"  # stands for every copy of the policy's campaign letter

# policy slug -> ((theme, description, comment keys ("demo:<key>")), ...)
THEMES = {
    ALPR: (
        (
            "Retention period",
            "How long reads that match nothing are kept (24 hours, 7 days, 30 days).",
            ("alpr-01", "alpr-02", "alpr-03", "alpr-04", "alpr-08", "alpr-14", "alpr-letter-1",
             "hearing-alpr-1", CAMPAIGN),
        ),
        (
            "Data sharing with ICE/federal agencies",
            "Who receives plate data, immigration enforcement, certifications from other agencies.",
            ("alpr-05", "alpr-06", "alpr-meeting-2", CAMPAIGN),
        ),
        (
            "Audit and transparency",
            "Publishing audit results, the search log, reader locations and recipients.",
            ("alpr-01", "alpr-05", "alpr-13", "alpr-16", "alpr-17"),
        ),
        (
            "Warrants for searches",
            "A warrant for every search of stored reads, not only older ones.",
            ("alpr-01", "alpr-14", CAMPAIGN),
        ),
        (
            "Clinics, places of worship and protests",
            "Tracking people to sensitive places.",
            ("alpr-06", "alpr-15"),
        ),
    ),
    "bpd-body-worn-cameras": (
        (
            "Release of footage",
            "The 20-business-day release and who sees the video first.",
            ("bwc-01", "bwc-02", "bwc-03", "bwc-04", "bwc-05", "bwc-16", "bwc-19",
             "bwc-letter-1", "bwc-phone-1"),
        ),
        (
            "Retention period",
            "How long footage of people not suspected of anything is kept.",
            ("bwc-18", "held-link"),
        ),
        (
            "Data sharing with ICE/federal agencies",
            "Sharing with other law enforcement agencies, federal ones included.",
            ("bwc-10", "bwc-11"),
        ),
        (
            "Audit and transparency",
            "Audits of failures to record, and what the annual report says.",
            ("bwc-09", "bwc-15", "appeal-reversed"),
        ),
        (
            "Language access",
            "Summaries and release notices in the City's languages.",
            ("bwc-05", "bwc-06", "bwc-16", "bwc-17"),
        ),
        (
            "Facial recognition",
            "Running face matching on body camera video.",
            (),
        ),
    ),
    "bpd-fixed-video-camera-network": (
        (
            "Community notice before new cameras",
            "Meetings and a public map before cameras go up.",
            ("fv-01", "fv-02"),
        ),
        (
            "Public-safety exception",
            "Who decides what counts as a threat to public safety.",
            ("fv-03", "fv-04"),
        ),
        (
            "Facial recognition",
            "Face matching on the network's footage.",
            (),
        ),
    ),
}  # fmt: skip


def load_summaries(users: dict) -> list[str]:
    """Themes and tags on three policies, then the computed drafts; return report lines."""
    staff = users["staff"]
    themes = tags = 0
    for slug, specs in THEMES.items():
        policy = db.session.scalar(db.select(Policy).where(Policy.slug == slug))
        if policy is None:
            continue
        for name, description, keys in specs:
            theme, created = _theme(policy, name, description, staff)
            themes += created
            tags += _tag(theme, _comment_ids(policy, keys), staff)
    db.session.flush()
    summaries = [_summary(period, staff) for period in _periods_to_summarize()]
    for summary in summaries:
        refresh(summary)
    return [
        f"summaries: {themes} theme(s) created, {tags} comment tag(s) added; "
        f"{len(summaries)} draft summaries computed (closed periods and the open "
        "license plate reader period)"
    ]


def _theme(policy: Policy, name: str, description: str, staff) -> tuple[Theme, bool]:
    theme = db.session.scalar(
        db.select(Theme).where(Theme.policy_id == policy.id, Theme.name == name)
    )
    if theme is not None:
        return theme, False
    theme = Theme(policy_id=policy.id, name=name, description=description, created_by_id=staff.id)
    db.session.add(theme)
    db.session.flush()
    return theme, True


def _comment_ids(policy: Policy, keys: tuple[str, ...]) -> list[int]:
    stable = [f"demo:{key}" for key in keys if key != CAMPAIGN]
    found = db.select(Comment.id).where(
        Comment.policy_id == policy.id,
        or_(Comment.idempotency_key.in_(stable), Comment.import_key.in_(stable)),
    )
    ids = list(db.session.scalars(found))
    if CAMPAIGN in keys:
        ids += db.session.scalars(
            db.select(Comment.id).where(
                Comment.policy_id == policy.id, Comment.campaign_id.is_not(None)
            )
        )
    return sorted(set(ids))


def _tag(theme: Theme, comment_ids: list[int], staff) -> int:
    tagged = set(
        db.session.scalars(
            db.select(CommentTheme.comment_id).where(CommentTheme.theme_id == theme.id)
        )
    )
    new = [cid for cid in comment_ids if cid not in tagged]
    db.session.add_all(
        CommentTheme(comment_id=cid, theme_id=theme.id, tagged_by_id=staff.id) for cid in new
    )
    return len(new)


def _periods_to_summarize() -> list[CommentPeriod]:
    """Every closed period, and the license plate reader policy's open one."""
    now = utcnow()
    closed = db.select(CommentPeriod).where(CommentPeriod.closes_at <= now)
    alpr_open = (
        db.select(CommentPeriod)
        .join(PolicyVersion, PolicyVersion.id == CommentPeriod.version_id)
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(Policy.slug == ALPR, CommentPeriod.opens_at <= now, CommentPeriod.closes_at > now)
    )
    periods = {p.id: p for p in db.session.scalars(closed)}
    periods |= {p.id: p for p in db.session.scalars(alpr_open)}
    return [periods[key] for key in sorted(periods)]


def _summary(period: CommentPeriod, staff) -> Summary:
    summary = db.session.scalar(db.select(Summary).where(Summary.period_id == period.id))
    if summary is None:
        summary = Summary(
            policy_id=period.version.policy_id, period_id=period.id, created_by_id=staff.id
        )
        db.session.add(summary)
        db.session.flush()
    return summary
