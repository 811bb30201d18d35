"""CSV downloads shared by every domain, safe to open in a spreadsheet."""

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Neutralise text a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A CSV attachment; every cell passes through spreadsheet_safe()."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
