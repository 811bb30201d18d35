"""Full-text index of policies on SQLite (FTS5); PostgreSQL searches with to_tsvector.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE policy_search_fts USING fts5(document, tokenize='porter unicode61')")
        op.execute(
            "INSERT INTO policy_search_fts (rowid, document) SELECT id, search_document FROM policies"
        )
    elif bind.dialect.name == "postgresql":
        op.create_index(
            "ix_policies_search_document_fts",
            "policies",
            [sa.text("to_tsvector('english', search_document)")],
            postgresql_using="gin",
        )


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE policy_search_fts")
    elif bind.dialect.name == "postgresql":
        op.drop_index("ix_policies_search_document_fts", table_name="policies")
