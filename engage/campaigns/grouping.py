"""The grouping rule, shared by the database (one comment as it arrives) and batch runs.

A campaign is a connected group: a new text joins every group holding a text it is a copy of
(estimated Jaccard similarity ≥ THRESHOLD), and groups it bridges become one. Candidates come
from the LSH buckets the text falls in; exact copies join the group of the first copy at once.

An index says what it holds through four questions (`Index`); `place()` decides and tells the
index what to store. The database index (engage/campaigns/store.py) and the in-memory one
below answer them the same way, so grouping comments one by one as they arrive gives the same
campaigns as a batch run over the same comments in the same order.

A bucket keeps at most PER_GROUP_IN_BUCKET texts of one group: a campaign of 20,000 copies
then answers a newcomer with a handful of candidates per band, not 20,000. Which groups a text
joins does not depend on the order candidates are compared in: every candidate is compared.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from engage.campaigns.fingerprints import (
    MIN_SHARED,
    NUM_PERM,
    THRESHOLD,
    Fingerprint,
    are_copies,
    similarity,
)

PER_GROUP_IN_BUCKET = 3

Group = Hashable


# (band key, text): a text (comment id) stored under a band key.
BucketEntry = tuple[int, int]


@dataclass(frozen=True)
class Signatures:
    refs: list[int]  # the texts that have a signature
    matrix: np.ndarray  # uint32[len(refs), NUM_PERM]
    sizes: np.ndarray  # how many distinct shingles each sketches


@dataclass
class Placement:
    """What `place()` decided: the groups the text joins, and the band keys to store for it."""

    groups: list[Group] = field(default_factory=list)
    store_keys: list[int] = field(default_factory=list)
    exact_copy: bool = False  # an exact copy of an indexed text: nothing of its own to store


class Index(Protocol):
    def exact_holder(self, exact_key: int) -> int | None:
        """The first text with this exact key that holds band keys (or is short), if any."""

    def bucket_entries(self, keys: tuple[int, ...]) -> list[BucketEntry]:
        """Every entry stored under any of `keys`."""

    def groups_of(self, refs: Iterable[int]) -> dict[int, Group]:
        """The group of each text."""

    def signatures_of(self, refs: list[int]) -> Signatures:
        """The MinHash signatures of those of `refs` that have one, and their set sizes."""


@dataclass(frozen=True)
class Rule:
    """When two texts are copies: see fingerprints.are_copies."""

    threshold: float = THRESHOLD
    min_shared: int = MIN_SHARED


def place(index: Index, fp: Fingerprint, rule: Rule = Rule()) -> Placement:
    """Decide which groups a text with fingerprint `fp` joins and what to store for it."""
    if not fp.groups:
        return Placement()
    holder = index.exact_holder(fp.exact_key)
    if holder is not None:
        return Placement(groups=[index.groups_of([holder])[holder]], exact_copy=True)
    if fp.signature is None:
        return Placement()
    entries = index.bucket_entries(fp.band_keys)
    refs = sorted({ref for _key, ref in entries})
    groups = index.groups_of(refs)
    matched = _matching_groups(index, fp, refs, groups, rule)
    return Placement(groups=matched, store_keys=_keys_to_store(fp, entries, groups, matched))


def _matching_groups(index: Index, fp: Fingerprint, refs, groups, rule: Rule) -> list[Group]:
    """The groups holding at least one copy of the text, in the order of their first copy."""
    known = index.signatures_of(refs)
    if not known.refs:
        return []
    scores = similarity(fp.signature, known.matrix)
    copies = are_copies(scores, fp.size, known.sizes, rule.threshold, rule.min_shared)
    return list(dict.fromkeys(groups[known.refs[i]] for i in np.flatnonzero(copies)))


def _keys_to_store(fp: Fingerprint, entries, groups, matched: list[Group]) -> list[int]:
    """The text's band keys, except in buckets already holding enough of its group."""
    joined = set(matched)
    held: dict[int, int] = defaultdict(int)
    for key, ref in entries:
        if groups[ref] in joined:
            held[key] += 1
    return [key for key in dict.fromkeys(fp.band_keys) if held[key] < PER_GROUP_IN_BUCKET]


class MemoryIndex:
    """The index in memory, for batch runs (tuning, benchmarks, tests).

    Each text's group is its first text's ref; when groups merge, the smaller is relabelled.
    """

    def __init__(self, rule: Rule = Rule()) -> None:
        self.rule = rule
        self.group_of: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}
        self.buckets: dict[int, list[int]] = defaultdict(list)
        self.exact: dict[int, int] = {}
        # Signatures in one growing matrix: a row per sketched text.
        self.rows: dict[int, int] = {}
        self.matrix = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self.sizes = np.zeros(1024, dtype=np.int64)

    # Index ---------------------------------------------------------------------------------

    def exact_holder(self, exact_key: int) -> int | None:
        return self.exact.get(exact_key)

    def bucket_entries(self, keys: tuple[int, ...]) -> list[BucketEntry]:
        buckets = self.buckets
        return [(key, ref) for key in keys if key in buckets for ref in buckets[key]]

    def groups_of(self, refs: Iterable[int]) -> dict[int, Group]:
        return {ref: self.group_of[ref] for ref in refs}

    def signatures_of(self, refs: list[int]) -> Signatures:
        known = [ref for ref in refs if ref in self.rows]
        rows = [self.rows[ref] for ref in known]
        return Signatures(known, self.matrix[rows], self.sizes[rows])

    def _keep_signature(self, ref: int, fp: Fingerprint) -> None:
        row = len(self.rows)
        if row == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
            self.sizes = np.concatenate([self.sizes, np.zeros_like(self.sizes)])
        self.rows[ref] = row
        self.matrix[row], self.sizes[row] = fp.signature, fp.size

    # Grouping ------------------------------------------------------------------------------

    def _join(self, ref: int, groups: list[Group]) -> None:
        """Put `ref` in one group with `groups`, relabelling all but the largest."""
        if not groups:
            self.group_of[ref], self.members[ref] = ref, [ref]
            return
        target = max(groups, key=lambda g: (len(self.members[g]), -g))
        for group in groups:
            if group != target:
                moved = self.members.pop(group)
                for member in moved:
                    self.group_of[member] = target
                self.members[target].extend(moved)
        self.group_of[ref] = target
        self.members[target].append(ref)

    def add(self, ref: int, fp: Fingerprint) -> None:
        """Group the text `ref` with fingerprint `fp`, as the database does for a comment."""
        placement = place(self, fp, self.rule)
        self._join(ref, placement.groups)
        if not fp.groups or placement.exact_copy:
            return
        self.exact[fp.exact_key] = ref
        if fp.signature is not None:
            self._keep_signature(ref, fp)
        for key in placement.store_keys:
            self.buckets[key].append(ref)

    def groups(self) -> list[list[int]]:
        """Every group of two texts or more, as sorted lists of refs."""
        return sorted(sorted(refs) for refs in self.members.values() if len(refs) > 1)


def group_texts(texts: Iterable[str]) -> list[list[int]]:
    """Group `texts` in order (refs are their positions): the batch form of grouping."""
    from engage.campaigns.fingerprints import fingerprint

    index = MemoryIndex()
    for ref, text in enumerate(texts):
        index.add(ref, fingerprint(text))
    return index.groups()
