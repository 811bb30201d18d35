"""What each key of a stored summary is called on the page (and in the diff between versions)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage import formatting
from engage.board.counting import (
    GENERAL,
    NO_NEIGHBORHOOD,
    NO_STANCE,
    UNKNOWN_LANGUAGE,
    UNSPECIFIED_REASON,
)
from engage.comments.forms import STANCE_TAGS
from engage.policies.sections import section_title

TOTALS = {
    "comments": _l("Comments"),
    "commenters": _l("People and groups commenting"),
    "replies": _l("Replies"),
    "official_responses": _l("Official responses from the city"),
}
VOICES = {
    "individual": _l("Individual comments (not part of a campaign)"),
    "campaigns": _l("Campaigns (each one letter with its signatures)"),
}
GROUPS = {
    "by_stance": _l("By stance"),
    "by_section": _l("By section"),
    "by_neighborhood": _l("By neighborhood"),
    "by_channel": _l("By channel"),
    "by_language": _l("By language"),
}
COLUMNS = {
    "by_stance": _l("Stance"),
    "by_section": _l("Section"),
    "by_neighborhood": _l("Neighborhood"),
    "by_channel": _l("Channel"),
    "by_language": _l("Language"),
}
CHANNELS = {
    "web": _l("On this website"),
    "email": _l("By email"),
    "letter": _l("By letter"),
    "phone": _l("By phone"),
    "meeting": _l("At a public meeting"),
}


def stance_label(key: str) -> str:
    if key == NO_STANCE:
        return _("No stance given")
    return str(STANCE_TAGS.get(key, key))


def section_label(key: str) -> str:
    return _("The policy as a whole") if key == GENERAL else section_title(key)


def neighborhood_label(key: str) -> str:
    return _("Not given") if key == NO_NEIGHBORHOOD else formatting.neighborhood_label(key)


def channel_label(key: str) -> str:
    return str(CHANNELS.get(key, key))


def language_label(key: str) -> str:
    if key == UNKNOWN_LANGUAGE:
        return _("Not recorded")
    return formatting.language_name(key)


def reason_label(key: str) -> str:
    if key == UNSPECIFIED_REASON:
        return _("No reason recorded")
    from engage.templating import guideline_title

    return guideline_title(key)


KEY_LABELS = {
    "by_stance": stance_label,
    "by_section": section_label,
    "by_neighborhood": neighborhood_label,
    "by_channel": channel_label,
    "by_language": language_label,
}


def key_label(group: str, key: str) -> str:
    """The name of one row of a breakdown, e.g. ("by_stance", "oppose") -> "Opposes"."""
    label = KEY_LABELS.get(group)
    return label(key) if label else key


def group_label(group: str) -> str:
    return str(GROUPS.get(group, group))


def column_label(group: str) -> str:
    return str(COLUMNS.get(group, group))


def total_label(key: str) -> str:
    return str(TOTALS.get(key) or VOICES.get(key) or key)


# Which drill-down facet each breakdown opens.
FACETS = {
    "by_stance": "stance",
    "by_section": "section",
    "by_neighborhood": "neighborhood",
    "by_channel": "channel",
    "by_language": "language",
}
