"""Forms of the moderators' queue: its filters (GET), a decision on one comment, a bulk action."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from engage.api.params import MAX_ID
from engage.comments.action_forms import FLAG_REASON_LABELS
from engage.forms import EngageForm
from engage.moderation.models import Action, RuleKind
from engage.moderation.queries import AGES, TABS, QueueFilters
from engage.moderation.services.decisions import MAX_NOTE, MAX_PASSAGE
from engage.moderation.services.guidelines import guideline_choices

ACTION_LABELS = {
    Action.APPROVE: _l("Approve"),
    Action.HIDE: _l("Hide"),
    Action.REDACT: _l("Redact a passage"),
    Action.RESTORE: _l("Restore"),
    Action.SPAM: _l("Mark as spam"),
}
# Every action a decision can record, for lists of past decisions.
DECISION_LABELS = {
    **ACTION_LABELS,
    Action.LOCK: _l("Lock the thread"),
    Action.UNLOCK: _l("Unlock the thread"),
    Action.SUSPEND: _l("Suspend the account"),
    Action.LIFT_SUSPENSION: _l("Lift the suspension"),
}
# What happens, said in full (the item page's radio buttons).
ACTION_HINTS = {
    Action.APPROVE: _l("Publish it, or keep it published, and dismiss its flags"),
    Action.HIDE: _l("Hide it: readers see a placeholder with the reason"),
    Action.REDACT: _l("Remove one passage (such as personal information) and keep the rest"),
    Action.RESTORE: _l("Show it again"),
    Action.SPAM: _l("Mark it as spam: it disappears without a placeholder"),
}
# The actions a bulk selection offers (a redaction needs one comment's own passage).
BULK = (Action.APPROVE, Action.HIDE, Action.SPAM, Action.RESTORE)
RULE_LABELS = {
    RuleKind.NEW_ACCOUNT_LINKS: _l("Links from a new account"),
    RuleKind.WORD_LIST: _l("Listed words"),
    RuleKind.BURST: _l("Burst of comments"),
    RuleKind.CAMPAIGN_MATCH: _l("Matches a campaign"),
    RuleKind.RECENTLY_SUSPENDED: _l("Recently suspended account"),
}
STATUS_LABELS = {
    "published": _l("published"),
    "held": _l("held"),
    "hidden": _l("hidden"),
    "withdrawn": _l("withdrawn"),
    "spam": _l("spam"),
}
APPEAL_LABELS = {
    "pending": _l("appealed: waiting"),
    "upheld": _l("appealed: upheld"),
    "reversed": _l("appealed: reversed"),
}
REASON_PROMPT = _l("Choose a reason")


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as a select's options."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def reason_choices() -> list[SelectChoice]:
    """The guideline <select>'s options, with an empty first choice (a reason is required)."""
    return choices([("", REASON_PROMPT), *guideline_choices()])


_ID = re.compile(r"[0-9]{1,9}", re.ASCII)


def _optional_int(value):
    """A policy id from the query string; anything else (or too large) means no filter."""
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    return int(value) if isinstance(value, str) and _ID.fullmatch(value) else None


def _comment_id(value) -> int:
    """A selected comment's id; out of range is refused like any invalid choice."""
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ValueError("comment id out of range")
    return number


class QueueFilterForm(EngageForm):
    """The queue's filters: a GET form, so filtered views can be bookmarked."""

    class Meta:
        csrf = False

    tab = HiddenField(default="held")
    policy = SelectField(_l("Policy"), coerce=_optional_int, validate_choice=False)
    rule = SelectField(
        _l("Rule that fired"),
        choices=choices([("", _l("Any rule")), *RULE_LABELS.items()]),
        validate_choice=False,
    )
    reason = SelectField(
        _l("Flag reason"),
        choices=choices([("", _l("Any reason")), *FLAG_REASON_LABELS.items()]),
        validate_choice=False,
    )
    age = SelectField(
        _l("Waiting"),
        choices=choices([("", _l("Any time")), *((k, v[0]) for k, v in AGES.items())]),
        validate_choice=False,
    )

    def set_policies(self, policies: list[tuple[int, str]]) -> None:
        self.policy.choices = choices([("", _l("Any policy")), *policies])

    def filters(self) -> QueueFilters:
        """The filters asked for; unknown values are ignored rather than refused."""
        return QueueFilters(
            tab=self.tab.data if self.tab.data in TABS else "held",
            policy_id=self.policy.data,
            rule=self.rule.data if self.rule.data in set(RuleKind) else None,
            reason=self.reason.data if self.reason.data in FLAG_REASON_LABELS else None,
            age=self.age.data if self.age.data in AGES else None,
        )


class _ReasonAndNote:
    guideline = SelectField(
        _l("Reason (community guidelines)"),
        validators=[InputRequired(message=_l("Choose a reason from the community guidelines."))],
        validate_choice=False,  # the service refuses keys not in the current guidelines
    )
    note = TextAreaField(
        _l("Note to the author"),
        validators=[
            Optional(),
            Length(max=MAX_NOTE, message=_l("Keep it under %(n)d characters.", n=MAX_NOTE)),
        ],
    )


class DecideForm(_ReasonAndNote, EngageForm):
    """One decision on one comment."""

    action = SelectField(
        _l("Action"),
        validators=[InputRequired(message=_l("Choose what to do with the comment."))],
        validate_choice=False,
    )
    passage = TextAreaField(
        _l("Passage to remove"),
        validators=[
            Optional(),
            Length(max=MAX_PASSAGE, message=_l("Keep it under %(n)d characters.", n=MAX_PASSAGE)),
        ],
    )
    next = HiddenField()

    def set_choices(self, actions: list[Action]) -> None:
        self.action.choices = choices((a.value, ACTION_LABELS[a]) for a in actions)
        self.guideline.choices = reason_choices()


class BulkForm(_ReasonAndNote, EngageForm):
    """One action, with one reason, on every selected comment."""

    comment_ids = SelectMultipleField(
        _l("Selected comments"),
        coerce=_comment_id,
        validate_choice=False,
        validators=[InputRequired(message=_l("Select at least one comment."))],
    )
    action = SelectField(
        _l("Action for the selected comments"),
        choices=choices(
            [("", _l("Choose an action")), *((a.value, ACTION_LABELS[a]) for a in BULK)]
        ),
        validators=[InputRequired(message=_l("Choose what to do with the selected comments."))],
        validate_choice=False,
    )

    def set_choices(self) -> None:
        self.guideline.choices = reason_choices()
