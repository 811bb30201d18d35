"""Reference lists a city configures: its languages, neighborhoods and oversight board seats.

They are data (engage/data/*.csv, or ENGAGE_REFERENCE_DIR for another city), not code.
"""

import csv
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    direction: str

    @property
    def babel_code(self) -> str:
        """Babel spells `pt-BR` as `pt_BR` and `zh-Hans` as `zh_Hans`."""
        return self.code.replace("-", "_")


def _reference_dir() -> Path:
    return Path(os.environ.get("ENGAGE_REFERENCE_DIR", DEFAULT_DIR))


def _rows(name: str) -> list[dict[str, str]]:
    with (_reference_dir() / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def languages() -> tuple[Language, ...]:
    """Return the city's languages, the default (English) first."""
    return tuple(
        Language(r["code"], r["english_name"], r["native_name"], r["direction"])
        for r in _rows("languages.csv")
    )


@cache
def language_codes() -> frozenset[str]:
    return frozenset(language.code for language in languages())


def language(code: str | None) -> Language | None:
    """Return the language with `code`, or None."""
    return next((lang for lang in languages() if lang.code == code), None)


@cache
def neighborhoods() -> tuple[str, ...]:
    """Return the neighborhoods residents may choose from."""
    return tuple(row["name"] for row in _rows("neighborhoods.csv"))


@dataclass(frozen=True)
class BoardSeatRow:
    position: int
    name: str
    appointed_by: str


def board_seats() -> tuple[BoardSeatRow, ...]:
    """Return the oversight board's seats and who appoints each (none if the city lists none)."""
    if not (_reference_dir() / "board_seats.csv").exists():
        return ()
    rows = _rows("board_seats.csv")
    return tuple(
        BoardSeatRow(int(r["position"]), r["name"].strip(), r["appointed_by"].strip())
        for r in sorted(rows, key=lambda r: int(r["position"]))
    )
