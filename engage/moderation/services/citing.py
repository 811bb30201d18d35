"""What every account and thread action shares: the guideline it cites, the note, the record."""

from flask_babel import lazy_gettext as _l

from engage.extensions import db
from engage.moderation.models import Decision, GuidelineVersion
from engage.moderation.services.errors import ModerationError
from engage.sanitize import clean_text

MAX_NOTE = 2000


def cited_guideline(key: str | None) -> GuidelineVersion:
    """The current guidelines, if `key` is one of their reasons; refuse otherwise."""
    from engage.moderation.services.guidelines import current_guidelines

    version = current_guidelines()
    keys = {g.key for g in version.guidelines} if version else set()
    if not key or key not in keys:
        raise ModerationError(
            _l("Choose the guideline this action is based on."), "guideline_key", "reason"
        )
    return version


def clean_note(note: str | None, field: str = "note") -> str:
    """The moderator's note, normalised; refused when too long."""
    note = clean_text(note)
    if len(note) > MAX_NOTE:
        raise ModerationError(
            _l("Keep the note under %(max)d characters.", max=MAX_NOTE), field, "too_long"
        )
    return note


def reachable(user) -> bool:
    """Whether mail to `user` can go out: an active account with a confirmed address."""
    return user is not None and user.is_active and user.is_confirmed


def add_decision(moderator, action: str, version: GuidelineVersion, key: str, **fields) -> Decision:
    """Store one Decision row (account and thread actions; comments go through decide())."""
    decision = Decision(
        moderator_id=moderator.id,
        action=action,
        guideline_key=key,
        guideline_version_id=version.id,
        **fields,
    )
    db.session.add(decision)
    db.session.flush()
    return decision
