"""Small request helpers the views share."""

from urllib.parse import urlsplit

from flask import request, url_for


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
