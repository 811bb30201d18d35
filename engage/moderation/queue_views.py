"""The moderators' queue, one item in context, and the actions taken on it."""

from engage.moderation.blueprint import bp  # noqa: F401
