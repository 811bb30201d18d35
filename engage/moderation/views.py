"""Import every moderation view module so their routes join the blueprint."""

from engage.moderation import (  # noqa: F401
    account_views,
    appeal_views,
    campaign_views,
    guideline_views,
    queue_views,
    report_views,
    rule_views,
    threads_views,
)
from engage.moderation.blueprint import bp

__all__ = ["bp"]
