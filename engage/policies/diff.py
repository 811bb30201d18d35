"""Word-level differences between two versions of a policy, section by section.

Pure functions over markdown source text: no database, no HTML. The template escapes each
segment and marks it with <ins>/<del> plus words for screen readers.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Words, runs of whitespace, and single punctuation marks are the units a reader compares.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class SectionChange(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Segment:
    op: str
    text: str


@dataclass
class SectionDiff:
    key: str
    change: SectionChange
    segments: list[Segment] = field(default_factory=list)

    @property
    def insertions(self) -> int:
        return sum(1 for s in self.segments if s.op == INSERT)

    @property
    def deletions(self) -> int:
        return sum(1 for s in self.segments if s.op == DELETE)


def tokenize(text: str) -> list[str]:
    """Split text into words, whitespace runs and punctuation; joining them gives it back."""
    return _TOKEN.findall(text or "")


def _raw_opcodes(old: list[str], new: list[str]) -> Iterable[tuple[str, str, str]]:
    matcher = SequenceMatcher(lambda token: token.isspace(), old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            yield EQUAL, before, after
        else:
            yield "change", before, after


def _merge_changes(pieces: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fold whitespace-only matches between two changes into the change, for readable runs."""
    merged: list[list[str]] = []
    for index, (tag, before, after) in enumerate(pieces):
        between_changes = (
            tag == EQUAL
            and before.isspace()
            and 0 < index < len(pieces) - 1
            and pieces[index + 1][0] != EQUAL
        )
        as_change = tag != EQUAL or between_changes
        if as_change and merged and merged[-1][0] == "change":
            merged[-1][1] += before
            merged[-1][2] += after
        else:
            merged.append(["change" if as_change else EQUAL, before, after])
    return [(tag, before, after) for tag, before, after in merged]


def _segments(tag: str, before: str, after: str) -> list[Segment]:
    if tag == EQUAL:
        return [Segment(EQUAL, after)]
    if before.strip() == after.strip():
        # Only spacing changed: not a change a reader can see or needs told about.
        return [Segment(EQUAL, after)] if after else []
    result = []
    if before.strip():
        result.append(Segment(DELETE, before))
    if after.strip():
        result.append(Segment(INSERT, after))
    return result


def _join_equal(segments: list[Segment]) -> list[Segment]:
    joined: list[Segment] = []
    for segment in segments:
        if joined and joined[-1].op == segment.op == EQUAL:
            joined[-1] = Segment(EQUAL, joined[-1].text + segment.text)
        elif segment.text:
            joined.append(segment)
    return joined


def diff_text(old: str, new: str) -> list[Segment]:
    """Segments (equal / delete / insert) that turn `old` into `new`, word by word."""
    pieces = _merge_changes(list(_raw_opcodes(tokenize(old), tokenize(new))))
    segments = [segment for piece in pieces for segment in _segments(*piece)]
    return _join_equal(segments)


def _keys_in_order(order: Iterable[str], *texts: Mapping[str, str]) -> list[str]:
    keys = [key for key in order if any(key in t for t in texts)]
    for mapping in texts:
        keys += [key for key in mapping if key not in keys]
    return keys


def diff_sections(
    old: Mapping[str, str], new: Mapping[str, str], order: Iterable[str] = ()
) -> list[SectionDiff]:
    """Compare two versions given as {section key: markdown}, in the configured order."""
    result = []
    for key in _keys_in_order(order, old, new):
        if key not in old:
            result.append(SectionDiff(key, SectionChange.ADDED, [Segment(INSERT, new[key])]))
        elif key not in new:
            result.append(SectionDiff(key, SectionChange.REMOVED, [Segment(DELETE, old[key])]))
        elif old[key] == new[key]:
            result.append(SectionDiff(key, SectionChange.UNCHANGED, [Segment(EQUAL, new[key])]))
        else:
            segments = diff_text(old[key], new[key])
            changed = any(s.op != EQUAL for s in segments)
            change = SectionChange.CHANGED if changed else SectionChange.UNCHANGED
            result.append(SectionDiff(key, change, segments))
    return result
