"""`flask engage build-summaries`: recompute the summaries marked stale (run it every minute)."""

import time

import click
from flask.cli import with_appcontext

from engage.extensions import db


@click.command("build-summaries")
@click.option("--all", "everything", is_flag=True, help="Recompute every summary, stale or not.")
@with_appcontext
def build_summaries_command(everything: bool):
    """Recompute the summaries whose comments changed since they were computed."""
    from engage.board.jobs import refresh, summaries_to_build
    from engage.board.models import Summary

    started = time.perf_counter()
    ids = summaries_to_build(everything)
    for summary_id in ids:
        refresh(db.session.get(Summary, summary_id))
        # One commit per summary: the row stays locked only briefly for comments marking it.
        db.session.commit()
    click.echo(f"summaries computed {len(ids)} in {time.perf_counter() - started:.1f} s")
