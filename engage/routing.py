"""URL converters: ids that can't exist in the database are a 404, not a database error."""

from flask import Flask
from werkzeug.routing import IntegerConverter

# PostgreSQL's integer: a larger id in a URL would fail the query instead of finding nothing.
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_converters(app: Flask) -> None:
    """Replace `<int:...>` everywhere with the bounded converter."""
    app.url_map.converters["int"] = BoundedIntConverter
