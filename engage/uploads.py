"""Files people upload (organization logos, session report PDFs): checked by content.

A file is trusted for what it is, never for what its name or browser says: images are
decoded and re-encoded (which drops anything hidden in them and bounds their size), PDFs
are parsed. Stored under instance/uploads with random names; served by /uploads/<name>.
"""

import io
import re
import secrets
import warnings
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 40_000_000  # past this, decoding could exhaust memory (a decompression bomb)
LOGO_SIZE = (512, 512)
PDF_MAX_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|pdf)$")


class UploadError(ValueError):
    """An upload refused; the message is safe to show."""


def upload_dir() -> Path:
    configured = current_app.config.get("ENGAGE_UPLOAD_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read(file, limit: int) -> bytes:
    data = file.read(limit + 1)
    if not data:
        raise UploadError(_l("The file is empty."))
    if len(data) > limit:
        raise UploadError(_l("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    return data


def _store(data: bytes, suffix: str) -> str:
    name = f"{secrets.token_hex(16)}.{suffix}"
    (upload_dir() / name).write_bytes(data)
    return name


def _open_image(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format not in IMAGE_FORMATS:
                raise UploadError(_l("Upload a PNG, JPEG or WebP image."))
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise UploadError(_l("The image has too many pixels."))
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise UploadError(_l("This file is not a PNG, JPEG or WebP image.")) from error
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise UploadError(_l("The image has too many pixels.")) from error
    return image


def store_logo(file) -> str:
    """Check an uploaded logo by its content, shrink it and store it as PNG; return its name."""
    image = _open_image(_read(file, LOGO_MAX_BYTES))
    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.thumbnail(LOGO_SIZE)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return _store(output.getvalue(), "png")


def store_pdf(file) -> str:
    """Check an uploaded PDF by parsing it; store it as it is; return its name."""
    data = _read(file, PDF_MAX_BYTES)
    if not data.startswith(b"%PDF-"):
        raise UploadError(_l("This file is not a PDF."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) == 0:
            raise UploadError(_l("The PDF has no pages."))
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UploadError(_l("This PDF can't be read.")) from error
    return _store(data, "pdf")


def stored_path(name: str) -> Path | None:
    """The path of a stored upload, or None for anything that isn't one of ours."""
    if not STORED_NAME.match(name or ""):
        return None
    path = upload_dir() / name
    return path if path.is_file() else None


def remove(name: str | None) -> None:
    path = stored_path(name) if name else None
    if path is not None:
        path.unlink(missing_ok=True)
