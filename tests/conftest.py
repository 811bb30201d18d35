"""Shared fixtures: one app per run, each test inside a transaction rolled back at its end.

ENGAGE_TEST_DATABASE_URL unset -> SQLite in a temporary file; set -> that PostgreSQL database
(its schema is dropped and rebuilt by the migrations at the start of the run).
"""

import contextvars
import os
import re
import secrets
import tempfile

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from engage import create_app
from engage.extensions import db, limiter
from tests import factories

TEST_DATABASE_URL = os.environ.get("ENGAGE_TEST_DATABASE_URL")


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        url = _sqlalchemy_url(TEST_DATABASE_URL)
        _reset_postgres(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'engage-test.db'}"


def make_test_app(database_url: str, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ENGAGE_MAIL_URL": None,
        "ENGAGE_BASE_URL": "http://engage.test",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        # Cheap hashing keeps the suite fast; production uses scrypt (the default).
        "ENGAGE_PASSWORD_HASH": "pbkdf2:sha256:1000",
        "ENGAGE_UPLOAD_DIR": tempfile.mkdtemp(prefix="engage-uploads-"),
        # The page cache outlives each test's rolled-back transaction: off, except in the
        # tests that turn it on (tests/policies/test_page_cache.py).
        "ENGAGE_PAGE_CACHE": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(database_url):
    app = make_test_app(database_url)
    app.test_client_class = EngageClient
    with app.app_context():
        upgrade(revision="heads")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Run the test inside a transaction that is rolled back, whatever it committed."""
    if "live_server" in request.fixturenames or "no_transaction" in request.keywords:
        yield
        return
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        db.session = scoped_session(factory, scopefunc=_context_id)
        limiter.reset()
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


def _context_id() -> int:
    from flask.globals import app_ctx

    return id(app_ctx._get_current_object())


class EngageClient(FlaskClient):
    """A test client that keeps CSRF on and runs each request in its own app context."""

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        return URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token").dumps(raw)

    def post_form(self, url: str, data: dict | None = None, **kwargs):
        """POST `data` as a browser would, with the CSRF token the page would carry."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def open(self, *args, **kwargs):
        # A fresh context: the request gets its own app context, `g` and session, as in
        # production, instead of reusing the test's.
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if db.session.registry.has():
            db.session.expire_all()
        return response


@pytest.fixture
def client(app) -> EngageClient:
    return app.test_client()


@pytest.fixture
def outbox(app):
    """Read the mail queued so far: `outbox()` returns the messages, oldest first."""
    from engage.mail import OutboxMessage

    def read(kind: str | None = None):
        statement = db.select(OutboxMessage).order_by(OutboxMessage.id)
        if kind:
            statement = statement.where(OutboxMessage.kind == kind)
        return db.session.scalars(statement).all()

    return read


@pytest.fixture
def ctx(app):
    """An app context for test code that queries or calls services."""
    with app.app_context():
        yield


def _role_user(role: str):
    @pytest.fixture
    def user(ctx):
        return factories.make_user(role=role)

    return user


resident = _role_user("resident")
moderator = _role_user("moderator")
staff = _role_user("staff")
board_member = _role_user("board")
admin = _role_user("admin")


@pytest.fixture
def login(client):
    """`login(user)` signs the test client in as `user`."""

    def sign_in(user, password: str = factories.PASSWORD):
        response = client.post_form("/auth/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return sign_in
