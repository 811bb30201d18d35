"""The shapes of the demo's annual-report facts: one entry per technology, two years each.

Pairs such as `complaints=(3, 5)` give the earlier year first. Text fields are templates
filled with `year` and that year's `figures`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sharing:
    recipient: str
    data_type: str
    legal_standard: str
    justification: str
    counts: tuple[int | None, int | None]  # None: no such sharing that year


@dataclass(frozen=True)
class EntryFacts:
    technology: str
    usage: str
    figures: tuple[dict, dict]
    captured: str
    non_suspects: str
    complaints: tuple[int, int]
    complaints_text: tuple[str, str]
    audits: str
    violations: tuple[int, int]
    violations_text: tuple[str, str]
    cost: tuple[str, str]
    funding: str
    sharing: tuple[Sharing, ...] = ()

    def text(self, template: str, index: int, year: int) -> str:
        return template.format(year=year, **self.figures[index])


NONE_FOUND = "None found."
NONE_RECEIVED = "None received."
