"""What changed between two versions of a summary sent to the board.

Numbers that changed (totals, each breakdown, per day, hidden by reason), themes added and
removed (and their counts), the narrative word by word (engage/policies/diff.py) and the
"you said, we did" rows. Pure functions over the frozen versions' stored data.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from engage.board.models import SummaryVersion
from engage.board.summary_labels import (
    FACETS,
    TOTALS,
    VOICES,
    group_label,
    key_label,
    reason_label,
    total_label,
)
from engage.policies.diff import EQUAL, Segment, diff_text


@dataclass(frozen=True)
class NumberChange:
    label: str
    old: int | None  # None: not counted in the older version
    new: int | None

    @property
    def difference(self) -> int:
        return (self.new or 0) - (self.old or 0)


@dataclass(frozen=True)
class ResponseChange:
    theme: str
    old: dict | None
    new: dict | None
    segments: list[Segment] = field(default_factory=list)


@dataclass
class SummaryDiff:
    old: SummaryVersion
    new: SummaryVersion
    numbers: list[NumberChange]
    themes_added: list[str]
    themes_removed: list[str]
    theme_counts: list[NumberChange]
    narrative: list[Segment]
    responses: list[ResponseChange]

    @property
    def narrative_changed(self) -> bool:
        return any(segment.op != EQUAL for segment in self.narrative)

    @property
    def empty(self) -> bool:
        return not (
            self.numbers
            or self.themes_added
            or self.themes_removed
            or self.theme_counts
            or self.narrative_changed
            or self.responses
        )


def _changed(label: str, old: int | None, new: int | None) -> list[NumberChange]:
    return [] if old == new else [NumberChange(label, old, new)]


def _keyed_changes(old: dict, new: dict, label) -> list[NumberChange]:
    keys = list(old) + [key for key in new if key not in old]
    changes = []
    for key in keys:
        changes += _changed(label(key), old.get(key), new.get(key))
    return changes


def _day_label(day: str) -> str:
    return _("Received on %(day)s", day=format_date(date.fromisoformat(day), "long"))


def number_changes(old: dict, new: dict) -> list[NumberChange]:
    """Every number of the stored data that differs between `old` and `new`."""
    old_counts, new_counts = old.get("counts", {}), new.get("counts", {})
    changes = []
    for key in TOTALS:
        changes += _changed(total_label(key), old_counts.get(key), new_counts.get(key))
    for key in VOICES:
        changes += _changed(
            total_label(key), old.get("voices", {}).get(key), new.get("voices", {}).get(key)
        )
    for group in FACETS:
        prefix = group_label(group)
        changes += _keyed_changes(
            old_counts.get(group, {}),
            new_counts.get(group, {}),
            lambda key, group=group, prefix=prefix: _(
                "%(group)s: %(key)s", group=prefix, key=key_label(group, key)
            ),
        )
    changes += _keyed_changes(
        dict(old_counts.get("by_day", [])), dict(new_counts.get("by_day", [])), _day_label
    )
    return changes + _other_changes(old, new)


def _other_changes(old: dict, new: dict) -> list[NumberChange]:
    old_hidden, new_hidden = old.get("hidden", {}), new.get("hidden", {})
    questions_old, questions_new = old.get("questions", []), new.get("questions", [])
    changes = _changed(_("Questions asked"), len(questions_old), len(questions_new))
    changes += _changed(
        _("Questions the city answered"), _answered(questions_old), _answered(questions_new)
    )
    changes += _changed(
        _("Listening sessions"), len(old.get("sessions", [])), len(new.get("sessions", []))
    )
    changes += _changed(_("Hidden comments"), old_hidden.get("total"), new_hidden.get("total"))
    changes += _keyed_changes(
        old_hidden.get("by_reason", {}),
        new_hidden.get("by_reason", {}),
        lambda key: _("Hidden: %(reason)s", reason=reason_label(key)),
    )
    return changes


def _answered(questions: list[dict]) -> int:
    return sum(1 for question in questions if question.get("answered"))


def _themes(data: dict) -> dict[str, int]:
    return {entry["name"]: entry.get("count", 0) for entry in data.get("themes", [])}


def _responses(data: dict) -> dict[str, dict]:
    return {row["theme"]: row for row in data.get("responses", [])}


def response_changes(old: dict, new: dict) -> list[ResponseChange]:
    """The "you said, we did" rows added, removed or changed."""
    before, after = _responses(old), _responses(new)
    changes = []
    for theme in list(before) + [name for name in after if name not in before]:
        a, b = before.get(theme), after.get(theme)
        if a == b:
            continue
        segments = diff_text((a or {}).get("response_md", ""), (b or {}).get("response_md", ""))
        changes.append(ResponseChange(theme, a, b, segments))
    return changes


def diff_versions(old: SummaryVersion, new: SummaryVersion) -> SummaryDiff:
    """What changed from version `old` to version `new` of one summary."""
    old_data, new_data = old.data or {}, new.data or {}
    old_themes, new_themes = _themes(old_data), _themes(new_data)
    return SummaryDiff(
        old=old,
        new=new,
        numbers=number_changes(old_data, new_data),
        themes_added=[name for name in new_themes if name not in old_themes],
        themes_removed=[name for name in old_themes if name not in new_themes],
        theme_counts=[
            NumberChange(name, old_themes[name], count)
            for name, count in new_themes.items()
            if name in old_themes and old_themes[name] != count
        ],
        narrative=diff_text(old.narrative_md, new.narrative_md),
        responses=response_changes(old_data, new_data),
    )
