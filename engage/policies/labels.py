"""Reader-facing names for the catalog's states, through gettext."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "draft": _l("Draft"),
    "open_for_comment": _l("Open for comment"),
    "under_review": _l("Under review"),
    "approved": _l("Approved"),
    "approved_with_modifications": _l("Approved with modifications"),
    "rejected": _l("Rejected"),
    "retired": _l("Retired"),
}

PERIOD_STATE_LABELS = {
    "open": _l("Open"),
    "upcoming": _l("Upcoming"),
    "closed": _l("Closed"),
}

CATEGORY_LABELS = {
    "video": _l("Video"),
    "location": _l("Location"),
    "audio": _l("Audio"),
    "aerial": _l("Aerial"),
    "social media": _l("Social media"),
    "forensic": _l("Forensic"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category.capitalize()))
