"""Small request helpers the views share."""

from urllib.parse import quote, urlsplit

from flask import current_app, request, url_for


def safe_next(default_endpoint: str = "core.home") -> str:
    """The `next` URL when it stays on this site, else the default page."""
    target = request.values.get("next", "")
    parts = urlsplit(target)
    local = target.startswith("/") and not target.startswith("//") and not parts.netloc
    if local and "\\" not in target:
        return target
    return url_for(default_endpoint)


def page_number() -> int:
    """The requested page, 1 when missing or not a positive number."""
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


def absolute_url(endpoint: str, **values) -> str:
    """An absolute link on ENGAGE_BASE_URL, for mail, feeds and calendars (no request needed)."""
    anchor = values.pop("_anchor", None)
    base = urlsplit(current_app.config["ENGAGE_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{quote(anchor, safe='-_.~')}" if anchor else url
