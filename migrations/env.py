"""Alembic environment for Engage (Flask-Migrate)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from engage.schema import include_object

config = context.config
if config.config_file_name and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
# Flask-SQLAlchemy 3: db.engine (the generated db.get_engine() is deprecated).
engine = target_db.engine
config.set_main_option(
    "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
)

def _options():
    return {
        "target_metadata": target_db.metadata,
        "include_object": include_object,
        "render_as_batch": True,
        "compare_type": True,
        **current_app.extensions["migrate"].configure_args,
    }


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **_options())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    options = _options()
    options.setdefault("process_revision_directives", process_revision_directives)
    with engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
