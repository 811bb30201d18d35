"""How well campaign grouping does on real public comments (regulations.gov form letters).

    python -m benchmarks.campaign_tuning            # the shipped parameters
    python -m benchmarks.campaign_tuning --sweep    # a grid of thresholds and shared minimums

Reads ../shared/testdata/public_comments_sample.csv beside the project (never copied into it)
and skips, saying so, when the file is not there. Its labels: `exact_group` (same text once
case, quotes and spacing are ignored) must be recovered whole — except the deliberately
ungrouped short ones ("See attached file(s)"); `cluster` are a federal pilot's looser
near-duplicate families: a family holds several different letters on one topic (so recall
against it stays low by design), and it sometimes splits one letter (so precision against it
understates). The comments are grouped per docket, as Engage groups per policy.
"""

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.campaign_synthetic import pair_score
from engage.campaigns.fingerprints import MIN_SHARED, THRESHOLD, fingerprints
from engage.campaigns.grouping import MemoryIndex, Rule

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "public_comments_sample.csv"


def load(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def group(rows: list[dict], rule: Rule, prints) -> list[int | None]:
    """Labels per row: each docket grouped on its own, in file order."""
    by_docket: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        by_docket[row["docket"]].append(position)
    labels: list[int | None] = [None] * len(rows)
    for positions in by_docket.values():
        index = MemoryIndex(rule)
        for position in positions:
            index.add(position, prints[position])
        for members in index.groups():
            for ref in members:
                labels[ref] = members[0]
    return labels


def exact_groups(rows: list[dict]) -> list[list[int]]:
    members: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        if row["exact_group"]:
            members[row["exact_group"]].append(position)
    return list(members.values())


def exact_groups_missed(rows: list[dict], labels: list[int | None]) -> list[str]:
    """The exact groups not recovered whole (each shown by the start of its text)."""
    return [
        rows[positions[0]]["text"][:40]
        for positions in exact_groups(rows)
        if labels[positions[0]] is None or len({labels[p] for p in positions}) > 1
    ]


def report(rows: list[dict], rule: Rule, prints) -> tuple[str, list[str]]:
    """One table line for `rule`, and the exact groups it did not recover whole."""
    labels = group(rows, rule, prints)
    exact = pair_score(labels, [row["exact_group"] or None for row in rows])
    labelled = [i for i, row in enumerate(rows) if row["cluster"]]
    family = pair_score([labels[i] for i in labelled], [rows[i]["cluster"] for i in labelled])
    missed = exact_groups_missed(rows, labels)
    substantive = sum(1 for group in exact_groups(rows) if prints[group[0]].groups)
    recovered = len(exact_groups(rows)) - len(missed)
    grouped = sum(label is not None for label in labels)
    campaigns = len({label for label in labels if label is not None})
    return (
        f"| {rule.threshold:.2f} | {rule.min_shared} | {exact.recall:.4f} "
        f"| {recovered} of {substantive} | {len(missed)} "
        f"| {family.precision:.4f} | {family.recall:.4f} | {campaigns} | {grouped:,} |"
    ), missed


HEADER = (
    "| Jaccard ≥ | shared shingles ≥ | exact-group pair recall | substantive exact groups "
    "recovered whole | exact groups not whole | family pair precision | family pair recall "
    "| campaigns | comments in one |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", action="store_true", help="try a grid of parameters")
    parser.add_argument("--file", type=Path, default=SAMPLE)
    options = parser.parse_args(argv)
    if not options.file.exists():
        print(f"Skipped: {options.file} is not there (it lives beside the project).")
        return 0
    rows = load(options.file)
    started = time.perf_counter()
    prints = fingerprints([row["text"] for row in rows])
    print(f"{len(rows):,} comments from {options.file.name}, fingerprinted in "
          f"{time.perf_counter() - started:.1f} s\n")  # fmt: skip
    print(HEADER)
    rules = [Rule(THRESHOLD, MIN_SHARED)]
    if options.sweep:
        rules = [Rule(t, s) for t in (0.4, 0.45, 0.5, 0.55, 0.6, 0.7) for s in (0, 20, 30, 40)]
    missed = []
    for rule in rules:
        line, missed_here = report(rows, rule, prints)
        print(line)
        if rule == Rule(THRESHOLD, MIN_SHARED):
            missed = missed_here
    print(
        f"\nShipped: Jaccard ≥ {THRESHOLD}, shared shingles ≥ {MIN_SHARED}. Exact groups left "
        f"out on purpose (too short to be a campaign): {', '.join(map(repr, missed)) or 'none'}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
