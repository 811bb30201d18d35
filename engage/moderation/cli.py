"""`flask engage moderation-digest`: mail moderators about items that waited too long."""

import click
from flask.cli import with_appcontext

from engage.extensions import db


@click.command("moderation-digest")
@with_appcontext
def moderation_digest_command():
    """Mail moderators about held comments, flags and appeals waiting too long (run often)."""
    from engage.moderation.digest import send_digests

    counts = send_digests()
    db.session.commit()
    click.echo(
        f"digests queued {counts['sent']}, already mailed within the window {counts['recent']}, "
        f"nothing waiting {counts['nothing']}"
    )
