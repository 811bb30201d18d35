"""The public moderation report: monthly totals, appeals, time to a decision."""

from engage.moderation.blueprint import bp  # noqa: F401
