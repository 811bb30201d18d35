"""Pages of items in the API's list envelope: {"data", "meta", "links"}."""

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from engage.api.params import PageRequest
from engage.extensions import db


def paginate(statement: Select, page: PageRequest) -> Pagination:
    """One page of `statement`; a page past the end is empty, not an error."""
    return db.paginate(
        statement, page=page.page, per_page=page.per_page, error_out=False, count=True
    )


def absolute_url(path: str) -> str:
    """`path` (from url_for) under the site's public address, ENGAGE_BASE_URL."""
    return current_app.config["ENGAGE_BASE_URL"].rstrip("/") + path


def page_link(page: int) -> str:
    """This request's absolute URL with `page` replaced and every other parameter kept."""
    pairs = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
    pairs.append(("page", str(page)))
    return absolute_url(f"{request.script_root}{request.path}?{urlencode(pairs)}")


def _links(pagination: Pagination) -> dict[str, str | None]:
    page, last = pagination.page, max(pagination.pages, 1)
    return {
        "next": page_link(page + 1) if page < pagination.pages else None,
        "prev": page_link(min(page - 1, last)) if page > 1 else None,
    }


def envelope(pagination: Pagination, data: Sequence[dict]) -> dict:
    """The list shape every /api/v1 collection answers with."""
    return {
        "data": list(data),
        "meta": {
            "page": pagination.page,
            "per_page": pagination.per_page,
            "total": pagination.total or 0,
        },
        "links": _links(pagination),
    }


def page_of(statement: Select, page: PageRequest, serialize: Callable[[list], list]) -> dict:
    """Run `statement` for one page and wrap `serialize(items)` in the envelope."""
    pagination = paginate(statement, page)
    return envelope(pagination, serialize(list(pagination.items)))
