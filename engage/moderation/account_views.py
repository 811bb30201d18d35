"""Suspending and restoring accounts, locking threads."""

from engage.moderation.blueprint import bp  # noqa: F401
