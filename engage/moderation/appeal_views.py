"""Appeals: an author asks once; a different moderator decides."""

from engage.moderation.blueprint import bp  # noqa: F401
