"""Settings read from ENGAGE_* environment variables, with safe defaults."""

import os
import secrets
from pathlib import Path

DEFAULT_SECTIONS = (
    "purpose",
    "authorized_uses",
    "prohibited_uses",
    "data_collected",
    "data_access",
    "data_protection",
    "data_retention",
    "public_access",
    "third_party_sharing",
    "training",
    "auditing_oversight",
)


class ConfigError(RuntimeError):
    """The environment asks for something the app refuses to run with."""


def _secret_key(instance_path: Path, env: str) -> str:
    """Use ENGAGE_SECRET_KEY; in development, generate one once into instance/."""
    key = os.environ.get("ENGAGE_SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigError("ENGAGE_SECRET_KEY must be set when ENGAGE_ENV=production")
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _sections() -> tuple[str, ...]:
    raw = os.environ.get("ENGAGE_POLICY_SECTIONS")
    if not raw:
        return DEFAULT_SECTIONS
    return tuple(key.strip() for key in raw.split(",") if key.strip())


def load_config(instance_path: str) -> dict:
    """Build the Flask config from the environment."""
    path = Path(instance_path)
    env = os.environ.get("ENGAGE_ENV", "development")
    production = env == "production"
    redis_url = os.environ.get("ENGAGE_REDIS_URL")
    return {
        "ENGAGE_ENV": env,
        "SECRET_KEY": _secret_key(path, env),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "ENGAGE_DATABASE_URL", f"sqlite:///{path / 'engage.db'}"
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "ENGAGE_REDIS_URL": redis_url,
        # Anonymous policy pages from the rendered-page cache (engage/cache.py); "off" to stop.
        "ENGAGE_PAGE_CACHE": os.environ.get("ENGAGE_PAGE_CACHE", "on").lower() != "off",
        "ENGAGE_PAGE_CACHE_TTL": int(os.environ.get("ENGAGE_PAGE_CACHE_TTL", "300")),
        "ENGAGE_VIEWER_CACHE": os.environ.get("ENGAGE_VIEWER_CACHE", "on").lower() != "off",
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "ENGAGE_MAIL_URL": os.environ.get("ENGAGE_MAIL_URL"),
        "ENGAGE_MAIL_SENDER": os.environ.get(
            "ENGAGE_MAIL_SENDER", "Engage <no-reply@engage.local>"
        ),
        "ENGAGE_BASE_URL": os.environ.get("ENGAGE_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "ENGAGE_TIMEZONE": os.environ.get("ENGAGE_TIMEZONE", "America/New_York"),
        "ENGAGE_CITY_NAME": os.environ.get("ENGAGE_CITY_NAME", "City of Boston"),
        "ENGAGE_POLICY_SECTIONS": _sections(),
        "ENGAGE_EXIGENT_REPORT_DAYS": int(os.environ.get("ENGAGE_EXIGENT_REPORT_DAYS", "30")),
        "ENGAGE_LOGIN_LIMIT": os.environ.get("ENGAGE_LOGIN_LIMIT", "10 per 15 minutes"),
        # Moderators are mailed when items wait longer than this (minutes); once per window.
        "ENGAGE_MODERATION_DIGEST_AFTER": int(
            os.environ.get("ENGAGE_MODERATION_DIGEST_AFTER", "240")
        ),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("ENGAGE_TIMEZONE", "America/New_York"),
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    }
