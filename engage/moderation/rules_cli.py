"""`flask engage moderation-rules`: create the five default screening rules on a new install."""

import click
from flask.cli import with_appcontext

from engage.extensions import db
from engage.moderation.services.rules import default_rules


@click.command("moderation-rules")
@with_appcontext
def moderation_rules_command():
    """Create the default screening rules if there are none (safe to run again)."""
    rules = default_rules()
    db.session.commit()
    for rule in rules:
        state = "on" if rule.enabled else "off"
        click.echo(f"  {rule.id:>3}  {rule.kind:<20} {state:<4} {rule.name}")
    click.echo(f"{len(rules)} screening rules; admins edit them at /moderation/rules")
