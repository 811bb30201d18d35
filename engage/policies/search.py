"""Keyword search over policies: SQLite FTS5 or PostgreSQL full text, behind one function.

Each policy's title, summary and current sections are kept in `Policy.search_document`
(and, on SQLite, mirrored into the FTS5 table `policy_search_fts`, made by the migration).
"""

import re

from sqlalchemy import Select, func, text

from engage.extensions import db
from engage.policies.models import Policy

FTS_TABLE = "policy_search_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_terms(query: str) -> list[str]:
    """Split a visitor's query into at most a few plain words (no operators pass through)."""
    return [word.lower() for word in _WORD.findall(query or "")][:MAX_TERMS]


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def index_policy(policy: Policy) -> None:
    """Refresh the policy's search document (and the FTS5 row on SQLite)."""
    version = policy.current_version
    parts = [policy.title, policy.summary_md, policy.technology.name if policy.technology else ""]
    if version is not None:
        parts += [section.body_md for section in version.sections]
    policy.search_document = "\n".join(part for part in parts if part)
    db.session.flush()
    if _dialect() == "sqlite":
        db.session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": policy.id})  # noqa: S608
        db.session.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (:id, :doc)"),  # noqa: S608
            {"id": policy.id, "doc": policy.search_document},
        )


def apply_search(statement: Select, query: str) -> Select:
    """Narrow `statement` (selecting Policy) to matches of `query`, best first."""
    terms = search_terms(query)
    if not terms:
        return statement
    if _dialect() == "postgresql":
        tsquery = func.to_tsquery("english", " & ".join(f"{term}:*" for term in terms))
        vector = func.to_tsvector("english", Policy.search_document)
        return statement.where(vector.op("@@")(tsquery)).order_by(
            func.ts_rank(vector, tsquery).desc()
        )
    match = " AND ".join(f'"{term}"*' for term in terms)
    ranked = text(
        f"SELECT rowid AS policy_id, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH :match"
    ).bindparams(match=match)
    hits = ranked.columns(policy_id=db.Integer, rank=db.Float).subquery()
    return statement.join(hits, hits.c.policy_id == Policy.id).order_by(hits.c.rank)
