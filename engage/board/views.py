"""Import every board view module so their routes join the blueprint."""

from engage.board import (  # noqa: F401
    about_views,
    dashboard_views,
    drilldown_views,
    export_views,
    packet_views,
    staff_views,
    summary_views,
)
from engage.board.blueprint import bp

__all__ = ["bp"]
