"""What the migrations make for one database only, and Alembic's comparison must skip."""

# SQLite's FTS5 index (and its shadow tables); PostgreSQL's GIN index over the same text.
DIALECT_ONLY_TABLES = {"policy_search_fts"}
DIALECT_ONLY_INDEXES = {"ix_policies_search_document_fts"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: leave the dialect-only search structures alone."""
    if type_ == "table" and (name in DIALECT_ONLY_TABLES or name.startswith("policy_search_fts_")):
        return False
    return not (type_ == "index" and name in DIALECT_ONLY_INDEXES)
