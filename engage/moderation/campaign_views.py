"""A campaign as one moderation item: its copies, how they differ, actions on them all."""

from engage.moderation.blueprint import bp  # noqa: F401
