"""What every template may use: permission checks, dates in the city's zone, paging links."""

from datetime import datetime

from flask import Flask, current_app, g, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import Length

from engage.formatting import (
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    group_symbol,
    language_name,
    neighborhood_label,
)
from engage.permissions import can
from engage.policies.labels import category_label, status_label
from engage.policies.sections import section_title
from engage.reference import languages, neighborhoods
from engage.web import absolute_url


def user_can(permission: str, obj=None) -> bool:
    """`can()` for the signed-in user: the same rule the views apply."""
    return can(current_user, permission, obj)


def datetime_filter(value: datetime | None, style: str = "medium") -> str:
    """A moment in the city's time zone, e.g. 'Dec 12, 2026, 5:00 PM'.

    'short_time': the medium date with hours and minutes, no seconds.
    """
    if not value:
        return ""
    if style == "short_time":
        return gettext(
            "%(date)s, %(time)s",
            date=format_date(value, "medium"),
            time=format_time(value, "short"),
        )
    return format_datetime(value, style)


def date_filter(value: datetime | None, style: str = "long") -> str:
    return format_date(value, style) if value else ""


def deadline_filter(value: datetime | None) -> str:
    """'Friday, December 12, 2026 at 5:00 PM' in the city's time zone."""
    if not value:
        return ""
    return gettext(
        "%(day)s at %(time)s",
        day=format_date(value, "full"),
        time=format_time(value, "short"),  # the language's clock: 5:00 PM, 17:00 ...
    )


def iso_filter(value: datetime | None) -> str:
    # Whole seconds: HTML's <time datetime> takes at most three digits of a second fraction.
    return value.isoformat(timespec="seconds") if value else ""


def guideline_title(key: str) -> str:
    """The title of a community guideline, read once per request (a thread may cite many)."""
    from engage.moderation.services import guidelines

    titles = g.get("engage_guideline_titles")
    if titles is None:
        titles = g.engage_guideline_titles = dict(guidelines.guideline_choices())
    return titles.get(key) or guidelines.guideline_title(key)


def text_limit(field) -> int | None:
    """The most characters a text field accepts (its Length validators), for the counter."""
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max > 0]
    return min(limits, default=None)


def page_url(page: int) -> str:
    """The current URL with `page` replaced, other filters kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


# (endpoint, label, permission needed or None); domains append their own entries.
NAVIGATION: list[tuple[str, object, str | None]] = [
    ("policies.catalog", _l("Policies"), None),
    ("reports.index", _l("Annual reports"), None),
    ("reports.exigent", _l("Emergency uses"), None),
    ("events.index", _l("Listening sessions"), None),
    ("orgs.index", _l("Organizations"), None),
    ("meetings.index", _l("City meetings"), None),
    ("moderation.queue", _l("Moderation"), "moderation:access"),
    ("board.dashboard", _l("Oversight board"), "board:access"),
    ("staff.workspace", _l("Staff workspace"), "staff:access"),
    ("admin.index", _l("Administration"), "admin:access"),
]


def main_navigation() -> list[tuple[str, str]]:
    """The header's links this visitor may follow."""
    return [
        (endpoint, str(label))
        for endpoint, label, permission in NAVIGATION
        if permission is None or user_can(permission)
    ]


def register_templating(app: Flask) -> None:
    """Expose helpers to Jinja."""
    app.jinja_env.globals.update(
        can=user_can,
        absolute_url=absolute_url,
        main_navigation=main_navigation,
        page_url=page_url,
        section_title=section_title,
        guideline_title=guideline_title,
        text_limit=text_limit,
        group_symbol=group_symbol,
        language_name=language_name,
        status_label=status_label,
        category_label=category_label,
        languages=languages,
        neighborhoods=neighborhoods,
        city_name=lambda: current_app.config["ENGAGE_CITY_NAME"],
    )
    app.jinja_env.filters.update(
        datetime=datetime_filter,
        date=date_filter,
        deadline=deadline_filter,
        iso=iso_filter,
        number=format_decimal,
        neighborhood=neighborhood_label,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.policies["ext.i18n.trimmed"] = True
