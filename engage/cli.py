"""`flask engage ...`: demo data, accounts, mail delivery."""

import click
from flask import Flask
from flask.cli import AppGroup

from engage.extensions import db

engage_cli = AppGroup("engage", help="Engage administration commands.")


@engage_cli.command("demo")
def demo_command():
    """Load the demo data (safe to run again: nothing is added twice)."""
    from engage.demo import load_demo

    report = load_demo()
    db.session.commit()
    for line in report:
        click.echo(line)


@engage_cli.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="resident, moderator, staff, board or admin")
@click.option("--password", required=True)
@click.option("--name", default=None, help="Public display name")
def create_user_command(email: str, role: str, password: str, name: str | None):
    """Create a confirmed account."""
    from engage.accounts.services import AccountError, create_user

    try:
        user = create_user(email, role, password, name)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


@engage_cli.command("send-mail")
def send_mail_command():
    """Deliver what waits in the outbox; failures stay for the next run."""
    from engage.mail import send_pending

    counts = send_pending()
    db.session.commit()
    click.echo(f"sent {counts['sent']}, failed {counts['failed']}, waiting {counts['waiting']}")


@engage_cli.command("send-notices")
def send_notices_command():
    """Tell followers about comment periods that reached their deadline (safe to re-run)."""
    from engage.comments.jobs import send_close_notices

    counts = send_close_notices()
    db.session.commit()
    click.echo(f"periods announced {counts['announced']}, marked without mail {counts['marked']}")


@engage_cli.command("send-reminders")
def send_reminders_command():
    """Remind confirmed attendees of sessions starting within 24 hours (safe to re-run)."""
    from engage.events.services.reminders import send_reminders

    counts = send_reminders()
    db.session.commit()
    click.echo(f"reminders queued {counts['sent']}, marked without mail {counts['skipped']}")


def register_cli(app: Flask) -> None:
    from engage.board.cli import build_summaries_command
    from engage.comments.cli import import_comments_command
    from engage.moderation.cli import moderation_digest_command
    from engage.moderation.rules_cli import moderation_rules_command

    engage_cli.add_command(import_comments_command)
    engage_cli.add_command(build_summaries_command)
    engage_cli.add_command(moderation_digest_command)
    engage_cli.add_command(moderation_rules_command)
    app.cli.add_command(engage_cli)
