"""Claiming what a decision changes, so two moderators acting at once cannot both win.

The checks in decide() and decide_appeal() read rows that another moderator may change a moment
later. Before anything is written, each row is claimed with a conditional UPDATE: it only
matches while the row is still as it was read. A row that no longer matches means someone else
decided first; the whole decision is refused, and nothing it claimed stays changed.
"""

from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import update

from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Appeal, AppealOutcome
from engage.moderation.services.errors import ModerationError

CHUNK = 5000


def _already(comments: list[Comment]) -> ModerationError:
    return ModerationError(
        _(
            "Already decided: %(items)s (another moderator may have acted on it). "
            "Nothing was changed.",
            items=", ".join(c.tracking_number for c in comments),
        ),
        code="already",
    )


def _claim(ids: list[int], read_status: str, new_status: str | None, body: str | None) -> int:
    statement = update(Comment).where(Comment.id.in_(ids), Comment.status == read_status)
    if body is not None:  # a redaction: the text must still be the one the passage was found in
        statement = statement.where(Comment.body_md == body)
    statement = statement.values(status=new_status or read_status).execution_options(
        synchronize_session=False
    )
    return db.session.execute(statement).rowcount


def claim_comments(comments: list[Comment], new_status: str | None, text_bound: bool) -> None:
    """Move each comment from the status it was read with to `new_status` (None: unchanged),
    or refuse them all when another moderator changed one meanwhile."""
    by_status: dict[str, list[Comment]] = defaultdict(list)
    for comment in comments:
        by_status[comment.status].append(comment)
    with db.session.begin_nested() as savepoint:
        claimed = 0
        for read_status, group in by_status.items():
            if text_bound:
                for comment in group:
                    claimed += _claim([comment.id], read_status, new_status, comment.body_md)
                continue
            ids = [c.id for c in group]
            for start in range(0, len(ids), CHUNK):
                claimed += _claim(ids[start : start + CHUNK], read_status, new_status, None)
        if claimed != len(comments):
            savepoint.rollback()
            raise _already(comments)


def claim_appeal(appeal: Appeal, outcome: str) -> None:
    """Mark a pending appeal decided, or refuse if another moderator decided it meanwhile."""
    claimed = db.session.execute(
        update(Appeal)
        .where(Appeal.id == appeal.id, Appeal.outcome == AppealOutcome.PENDING.value)
        .values(outcome=outcome)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise ModerationError(_("This appeal is already decided."), code="already")
