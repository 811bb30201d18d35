"""The WSGI entry point: `flask --app wsgi run`, gunicorn `wsgi:app`."""

from engage import create_app

app = create_app()
