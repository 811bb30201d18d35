"""The community guidelines (public, versioned) and their editing by admins."""

from engage.moderation.blueprint import bp  # noqa: F401
