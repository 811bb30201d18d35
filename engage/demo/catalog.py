"""Departments and technologies, from the city's domain data (data/*.csv)."""

import csv
from pathlib import Path

from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import Department, Technology

DATA_DIR = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_departments(actor) -> tuple[dict[str, Department], str]:
    """Create the departments missing from the database; return them by code."""
    existing = {d.code: d for d in db.session.scalars(db.select(Department))}
    created = 0
    for row in _rows("departments.csv"):
        if row["code"] in existing:
            continue
        data = catalog.DepartmentData(
            code=row["code"],
            name=row["name"],
            covered=row["covered_by_ordinance"].strip().lower() == "yes",
            note=row["note"],
        )
        existing[row["code"]] = catalog.save_department(actor, data)
        created += 1
    return existing, _line("departments", created, len(_rows("departments.csv")) - created)


def load_technologies(actor, departments: dict[str, Department]) -> tuple[dict, str]:
    """Create the technologies missing from the database; return them by slug."""
    existing = {t.slug: t for t in db.session.scalars(db.select(Technology))}
    rows = _rows("technologies.csv")
    created = 0
    for row in rows:
        slug = catalog.slugify(row["name"])
        if slug in existing:
            continue
        data = catalog.TechnologyData(
            name=row["name"],
            category=row["category"],
            department_id=departments[row["department"]].id,
            summary=row["summary"],
        )
        existing[slug] = catalog.save_technology(actor, data)
        created += 1
    return existing, _line("technologies", created, len(rows) - created)


def _line(kind: str, created: int, present: int) -> str:
    return f"{kind}: {created} created, {present} already present"
