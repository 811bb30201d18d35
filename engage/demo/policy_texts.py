"""Policy section texts: a markdown file per policy (texts/<slug>.md), edited per version.

Each file holds version 1: `## <section_key>` lines open each section. Later versions are
described as edits (specs.Edit) so that every version reads as a whole policy and the diff
between two versions shows exactly what the department changed.
"""

import re
from functools import cache
from pathlib import Path

from engage.demo.specs import Edit

TEXT_DIR = Path(__file__).parent / "texts"
_HEADING = re.compile(r"^## ([a-z_]+)\s*$", re.MULTILINE)


class DemoTextError(ValueError):
    """A demo text or edit that doesn't fit (a bug in the demo data, not user input)."""


@cache
def _parsed(name: str) -> tuple[tuple[str, str], ...]:
    source = (TEXT_DIR / f"{name}.md").read_text(encoding="utf-8")
    parts = _HEADING.split(source)
    # parts: [preamble, key1, body1, key2, body2, ...]
    return tuple((key, body.strip()) for key, body in zip(parts[1::2], parts[2::2], strict=True))


def base_texts(slug: str) -> dict[str, str]:
    """The sections of version 1 of the policy `slug`, by key."""
    return dict(_parsed(slug))


def translated_texts(slug: str, language: str) -> dict[str, str]:
    """The sections of the demo's translation of the policy's latest version
    (texts/translations/<slug>.<language>.md), by key."""
    return dict(_parsed(f"translations/{slug}.{language}"))


def apply_edits(slug: str, texts: dict[str, str], edits: tuple[Edit, ...]) -> dict[str, str]:
    """Return `texts` with `edits` applied; refuse an edit whose anchor isn't found once."""
    result = dict(texts)
    for edit in edits:
        body = result.get(edit.section)
        if body is None:
            raise DemoTextError(f"{slug}: no section {edit.section!r}")
        if not edit.old:
            result[edit.section] = f"{body}\n\n{edit.new.strip()}"
            continue
        if body.count(edit.old) != 1:
            raise DemoTextError(f"{slug}/{edit.section}: {edit.old!r} must occur exactly once")
        result[edit.section] = body.replace(edit.old, edit.new)
    return result


def version_texts(slug: str, edits_per_version: list[tuple[Edit, ...]]) -> list[dict[str, str]]:
    """The full text of every version, version 1 first."""
    texts = base_texts(slug)
    versions = []
    for edits in edits_per_version:
        texts = apply_edits(slug, texts, edits)
        versions.append(texts)
    return versions
