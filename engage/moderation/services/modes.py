"""A policy's moderation mode: comments published at once (post) or held until approved (pre)."""

from flask_babel import lazy_gettext as _l

from engage import audit, signals
from engage.extensions import db
from engage.moderation.models import ModerationMode
from engage.moderation.services.errors import ModerationError

MODE_LABELS = {
    ModerationMode.POST: _l(
        "Post-moderation: comments appear at once; moderators review them after"
    ),
    ModerationMode.PRE: _l("Pre-moderation: every comment waits for a moderator before it appears"),
}


def mode_choices() -> list[tuple[str, object]]:
    return [(mode.value, label) for mode, label in MODE_LABELS.items()]


def set_moderation_mode(actor, policy, mode: str):
    """Choose how the policy's new web comments are moderated; held comments stay held."""
    if mode not in set(ModerationMode):
        raise ModerationError(
            _l("Choose post-moderation or pre-moderation."), "moderation_mode", "mode"
        )
    before = policy.moderation_mode
    if before == mode:
        return policy
    policy.moderation_mode = mode
    db.session.flush()
    audit.record(
        actor,
        "policy.moderation_mode",
        policy,
        summary=policy.title,
        detail={"moderation_mode": [before, mode]},
    )
    signals.policy_changed.send(policy)
    return policy
