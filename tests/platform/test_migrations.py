"""The migrations build the schema the models describe, from empty, with one head."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from engage.extensions import db
from engage.schema import include_object


def _script(app) -> ScriptDirectory:
    config = app.extensions["migrate"].migrate.get_config()
    return ScriptDirectory.from_config(config)


def test_there_is_one_head(app):
    assert len(_script(app).get_heads()) == 1


def test_models_match_the_migrated_schema(app):
    # The session's database was built by `upgrade` from empty (tests/conftest.py).
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": include_object},
        )
        assert compare_metadata(context, db.metadata) == []


def test_migrate_extension_is_bound(app):
    assert isinstance(app.extensions["migrate"].migrate, Migrate)
