"""How a campaign's copies differ from its representative: the personal edits, word by word."""

from sqlalchemy import select

from engage.campaigns.models import Campaign
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.diff import EQUAL, Segment, diff_text

CONTEXT = 80  # characters of unchanged text kept on each side of an edit
SKIP = "skip"  # a run of unchanged text left out


def _head(text: str) -> str:
    cut = text.find(" ", CONTEXT)
    return text if cut < 0 else text[:cut]


def _tail(text: str) -> str:
    cut = text.rfind(" ", 0, len(text) - CONTEXT)
    return text if cut < 0 else text[cut + 1 :]


def condensed(segments: list[Segment]) -> list[Segment]:
    """The diff with long unchanged runs cut to the words around each edit (at word ends)."""
    result = []
    for index, segment in enumerate(segments):
        first, last = index == 0, index == len(segments) - 1
        if segment.op != EQUAL or len(segment.text) <= 3 * CONTEXT:
            result.append(segment)
            continue
        if not first:
            result.append(Segment(EQUAL, _head(segment.text)))
        result.append(Segment(SKIP, ""))
        if not last:
            result.append(Segment(EQUAL, _tail(segment.text)))
    return result


def differences(campaign: Campaign, copies: list[Comment]) -> list[tuple[Comment, list[Segment]]]:
    """Each copy with its word diff against the representative: the personal edits are the
    inserted and deleted segments (none: the same text), long unchanged runs cut short."""
    representative = campaign.representative
    base = representative.body_md if representative is not None else ""
    return [(copy, condensed(diff_text(base, copy.body_md))) for copy in copies]


def copy_differences(
    campaign: Campaign, limit: int, offset: int = 0
) -> list[tuple[Comment, list[Segment]]]:
    """Copies other than the representative, oldest first, each with its word diff."""
    statement = select(Comment).where(Comment.campaign_id == campaign.id)
    if campaign.representative_comment_id is not None:
        statement = statement.where(Comment.id != campaign.representative_comment_id)
    copies = db.session.scalars(statement.order_by(Comment.id).offset(offset).limit(limit))
    return differences(campaign, list(copies))
