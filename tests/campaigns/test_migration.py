"""Migration 0006 builds the grouping tables and takes them away again, on SQLite and PostgreSQL."""

import re

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from engage.extensions import db
from tests.conftest import TEST_DATABASE_URL, make_test_app

TABLES = {"campaign_signatures", "campaign_band_keys"}


def _on_postgres_server(base: str, statement: str) -> None:
    engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def scratch_url(tmp_path):
    """An empty database of the kind the suite runs on: a file, or one beside the test one."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'm0006.db'}"
        return
    url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", TEST_DATABASE_URL)
    base, name = url.rsplit("/", 1)
    scratch = f"{name}_m0006"
    _on_postgres_server(base, f'DROP DATABASE IF EXISTS "{scratch}"')
    _on_postgres_server(base, f'CREATE DATABASE "{scratch}"')
    yield f"{base}/{scratch}"
    _on_postgres_server(base, f'DROP DATABASE IF EXISTS "{scratch}"')


def _shape(app) -> tuple[set[str], set[str]]:
    with app.app_context():
        inspector = inspect(db.engine)
        tables = set(inspector.get_table_names()) & TABLES
        indexes = {ix["name"] for table in tables for ix in inspector.get_indexes(table)}
        return tables, indexes


@pytest.mark.no_transaction
def test_0006_upgrades_downgrades_and_upgrades_again(scratch_url):
    app = make_test_app(scratch_url)
    try:
        with app.app_context():
            upgrade(revision="0006")
        tables, indexes = _shape(app)
        assert tables == TABLES
        assert {"ix_campaign_band_keys_lookup", "ix_campaign_signatures_exact"} <= indexes

        with app.app_context():
            downgrade(revision="0005")
        assert _shape(app) == (set(), set())

        with app.app_context():
            upgrade(revision="0006")
        assert _shape(app)[0] == TABLES
    finally:
        with app.app_context():
            db.engine.dispose()
