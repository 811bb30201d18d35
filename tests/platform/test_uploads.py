"""Uploads are judged by their content, never by their name."""

import io

import pytest
from PIL import Image

from engage import uploads


def _image(fmt: str, size=(800, 600)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_logo_is_reencoded_as_a_small_png(app, ctx, fmt):
    name = uploads.store_logo(_image(fmt))
    with Image.open(uploads.stored_path(name)) as stored:
        assert stored.format == "PNG"
        assert max(stored.size) <= 512


def test_text_pretending_to_be_an_image_is_refused(app, ctx):
    with pytest.raises(uploads.UploadError):
        uploads.store_logo(io.BytesIO(b"<svg onload=alert(1)>"))


def test_gif_is_refused(app, ctx):
    with pytest.raises(uploads.UploadError):
        uploads.store_logo(_image("GIF"))


def test_oversized_file_is_refused(app, ctx):
    with pytest.raises(uploads.UploadError, match="larger than 2 MB"):
        uploads.store_logo(io.BytesIO(b"\x89PNG" + b"0" * uploads.LOGO_MAX_BYTES))


def test_decompression_bomb_is_refused(app, ctx):
    # A tiny file that claims a huge canvas: refused before it is decoded.
    bomb = _image("PNG", size=(10000, 10000))
    assert len(bomb.getvalue()) < uploads.LOGO_MAX_BYTES
    with pytest.raises(uploads.UploadError, match="too many pixels"):
        uploads.store_logo(bomb)


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_is_stored_and_served_as_a_download(app, ctx, client):
    name = uploads.store_pdf(io.BytesIO(_pdf()))
    response = client.get(f"/uploads/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    response.close()


@pytest.mark.parametrize("data", [b"%PDF-1.7\nnot really", b"MZ\x90\x00 an executable", b"GIF89a"])
def test_broken_or_fake_pdfs_are_refused(app, ctx, data):
    with pytest.raises(uploads.UploadError):
        uploads.store_pdf(io.BytesIO(data))


@pytest.mark.parametrize("name", ["../secret_key", "x.png", "engage.db", "0" * 32 + ".exe"])
def test_only_stored_names_are_served(client, name):
    assert client.get(f"/uploads/{name}").status_code == 404
