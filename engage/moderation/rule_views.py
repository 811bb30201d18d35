"""The screening rules, edited by admins."""

from engage.moderation.blueprint import bp  # noqa: F401
