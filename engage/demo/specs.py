"""The shapes the demo's policies are written in: a base text per policy, edits per version."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace `old` (found exactly once) with `new` in `section`; `old=""` appends a paragraph."""

    section: str
    old: str
    new: str


def replace(section: str, old: str, new: str) -> Edit:
    return Edit(section, old, new)


def append(section: str, paragraph: str) -> Edit:
    return Edit(section, "", paragraph)


@dataclass(frozen=True)
class PeriodSpec:
    """A comment period, in days from the day the demo is loaded (negative: past)."""

    opens: int
    closes: int
    extended_to: int | None = None
    extension_reason: str = ""
    extended_on: int = 0
    closed_early: int | None = None
    close_reason: str = ""


@dataclass(frozen=True)
class VersionSpec:
    published: int
    change_summary: str = ""
    edits: tuple[Edit, ...] = ()
    period: PeriodSpec | None = None


@dataclass(frozen=True)
class PolicySpec:
    slug: str
    title: str
    department: str
    technology: str
    status: str
    summary: str
    versions: tuple[VersionSpec, ...]
