"""A summary sent to the board twice: the license plate reader policy's comment period.

Staff sent an interim summary (version 1) nine days ago, with a narrative and two rows of
"you said, we did". Since then a letter arrived by mail, staff added a theme and tagged it,
answered two more themes and rewrote the narrative: version 2 went out two days ago with a
note saying so, so the public diff between the versions shows numbers, themes, narrative and
responses that changed. Runs after the computed drafts (engage/demo/summaries.py); a second run
adds nothing (the versions are looked up first).
"""

from datetime import datetime, timedelta

from sqlalchemy import or_

from engage.board import jobs
from engage.board.models import Summary
from engage.board.summaries import ResponseData, policy_themes, publish_summary, save_draft
from engage.board.theme_services import add_theme, tag_comment, themes_of
from engage.comments.models import Channel, Comment
from engage.comments.services.offline import OfflineComment, enter_offline_comment
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy
from engage.types import utcnow

SLUG = "bpd-automated-license-plate-readers"
RETENTION = "Retention period"
SHARING = "Data sharing with ICE/federal agencies"
WARRANTS = "Warrants for searches"
AUDIT = "Audit and transparency"
HOT_LIST = "Stolen cars and the hot list"
HOT_LIST_KEYS = ("demo:alpr-09", "demo:alpr-13", "demo:alpr-letter-late")

NARRATIVE_1_SOURCE = """An interim summary: the comment period is still open.

Most residents who commented want reads that match nothing kept for a shorter time than the
30 days in version 3, and many ask who outside the Department may see the data. A letter-writing
campaign asks for 24 hours; it is counted once below, with its signatures beside it."""

NARRATIVE_2_SOURCE = """An interim summary: the comment period is still open.

Nearly all residents who commented want reads that match nothing kept for a shorter time than
the 30 days in version 3, and many ask who outside the Department may see the data, federal
immigration agencies above all. A letter-writing campaign asks for 24 hours; it is counted once
below, with its signatures beside it.

Since version 1, residents and small business owners also asked how the hot list of stolen
cars is kept current: a new theme collects those comments."""


def _paragraphs(text: str) -> str:
    """Markdown with one line per paragraph (the diff between versions shows lines as typed)."""
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))


NARRATIVE_1 = _paragraphs(NARRATIVE_1_SOURCE)
NARRATIVE_2 = _paragraphs(NARRATIVE_2_SOURCE)

RESPONSES_1 = {
    RETENTION: ("The Department is reviewing the 30-day period against what the reads are "
                "used for; a proposal follows before the period closes.", False),
    SHARING: ("Plate data is shared only with agencies that certify they will not use it for "
              "immigration enforcement.", False),
}  # fmt: skip

RESPONSES_2 = {
    RETENTION: ("Reads that match nothing will be deleted after **7 days** instead of 30; "
                "version 4 of the policy says so.", True),
    SHARING: ("No plate data for immigration enforcement, and the list of agencies that "
              "received data will be published every quarter.", True),
    WARRANTS: ("Searches of reads older than 48 hours will need a warrant.", True),
    AUDIT: ("The search log audit will be published with the annual report.", False),
}  # fmt: skip

LATE_LETTER = """I am writing about the license plate readers. My car was stolen last spring
and found two weeks later, but it stayed on the hot list for a month after that, and I was
stopped twice. Please make sure recovered cars come off the list the same day."""


def load_sent_summaries(users: dict) -> list[str]:
    """Send the plate reader summary as version 1, then as version 2; return report lines."""
    summary = _plate_reader_summary()
    if summary is None:
        return ["summaries sent: no plate reader summary to send (load the drafts first)"]
    staff = users["staff"]
    sent = len(summary.versions)
    if sent == 0:
        _send_first(staff, summary)
    if sent <= 1:
        _send_second(staff, summary)
    return [f"summaries sent: the plate reader summary, {len(summary.versions)} versions"]


def _plate_reader_summary() -> Summary | None:
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == SLUG))
    if policy is None:
        return None
    return db.session.scalar(
        db.select(Summary)
        .join(CommentPeriod, CommentPeriod.id == Summary.period_id)
        .where(Summary.policy_id == policy.id, CommentPeriod.opens_at <= utcnow())
        .order_by(CommentPeriod.opens_at.desc())
        .limit(1)
    )


def _responses(summary: Summary, wanted: dict) -> list[ResponseData]:
    return [
        ResponseData(theme.id, *wanted[theme.name])
        for theme in policy_themes(summary.policy_id)
        if theme.name in wanted
    ]


def _send_first(staff, summary: Summary) -> None:
    if summary.computed_at is None:
        jobs.refresh(summary)
    save_draft(staff, summary, NARRATIVE_1, _responses(summary, RESPONSES_1))
    publish_summary(staff, summary, "", now=_counted_before(summary, days=9))


def _send_second(staff, summary: Summary) -> None:
    _enter_late_letter(staff, summary.policy)
    theme = next((t for t in policy_themes(summary.policy_id) if t.name == HOT_LIST), None)
    theme = theme or add_theme(staff, summary.policy, HOT_LIST)
    keyed = or_(Comment.import_key.in_(HOT_LIST_KEYS), Comment.idempotency_key.in_(HOT_LIST_KEYS))
    statement = db.select(Comment).where(Comment.policy_id == summary.policy_id, keyed)
    for comment in db.session.scalars(statement).all():
        tag_comment(staff, comment, themes_of(comment) | {theme.id})
    jobs.refresh(summary)
    save_draft(staff, summary, NARRATIVE_2, _responses(summary, RESPONSES_2))
    note = (
        "A letter received by mail since version 1 is counted; a new theme on the hot list of "
        "stolen cars; the Department's responses on retention, sharing, warrants and audits."
    )
    publish_summary(staff, summary, note, now=_counted_before(summary, days=2))


def _counted_before(summary: Summary, days: int) -> datetime:
    """When the demo's version is sent (`days` ago); its numbers read as counted an hour
    before, as they would have been (the demo computes them now)."""
    sent = utcnow() - timedelta(days=days)
    summary.data = {**summary.data, "computed_at": (sent - timedelta(hours=1)).isoformat()}
    return sent


def _enter_late_letter(staff, policy: Policy) -> None:
    key = "demo:alpr-letter-late"
    if db.session.scalar(db.select(Comment.id).where(Comment.import_key == key)) is not None:
        return
    enter_offline_comment(
        staff,
        policy,
        OfflineComment(
            body=LATE_LETTER,
            channel=Channel.LETTER.value,
            received_at=utcnow() - timedelta(days=5),
            author_name="A Dorchester resident",
            language="en",
            neighborhood="Dorchester",
            stance="concerns",
            section_key=None,
            import_key=key,
        ),
    )
