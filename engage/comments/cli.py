"""`flask engage import-comments`: bulk entry of comments received offline, from a CSV file."""

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from engage.comments.services import CommentError
from engage.comments.services.offline import OFFLINE_CHANNELS, import_comments
from engage.extensions import db
from engage.policies.models import Policy

CHANNELS = [channel.value for channel in OFFLINE_CHANNELS]


def _policy(slug: str) -> Policy:
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == slug))
    if policy is None:
        raise click.ClickException(f"No policy has the slug {slug!r}.")
    return policy


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise click.ClickException(f"Can't read {path}: {error.strerror or error}.") from error


@click.command("import-comments")
@click.argument("slug")
@click.argument("file", metavar="FILE.csv")
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    default="letter",
    show_default=True,
    help="How the comments were received.",
)
@with_appcontext
def import_comments_command(slug: str, file: str, channel: str):
    """Import comments received offline into the policy's comment period.

    FILE.csv has a header row; columns: text (required), author_name, received_at
    (city time: 2026-03-05 or 2026-03-05 14:30), language (a code, e.g. es), neighborhood.
    Running the same file again imports nothing twice.
    """
    policy = _policy(slug)
    content = _read(file)
    # No request to choose a language from: the reasons are written in English.
    with force_locale("en"):
        try:
            result = import_comments(None, policy, content, channel)
        except CommentError as error:
            raise click.ClickException(f"{file}: {error}") from error
    db.session.commit()
    click.echo(
        f"imported {result.imported}, already imported {result.already_imported}, "
        f"rejected {len(result.rejected)}"
    )
    for number, reason in result.rejected:
        click.echo(f"row {number}: {reason}")
