"""Production refuses to start unsafely; development makes its own key once."""

import pytest

from engage.config import ConfigError, load_config


def test_production_needs_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.delenv("ENGAGE_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config(str(tmp_path))


def test_production_turns_on_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.setenv("ENGAGE_SECRET_KEY", "k" * 40)
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_development_generates_a_key_once(tmp_path, monkeypatch):
    monkeypatch.delenv("ENGAGE_ENV", raising=False)
    monkeypatch.delenv("ENGAGE_SECRET_KEY", raising=False)
    first = load_config(str(tmp_path))["SECRET_KEY"]
    assert first == load_config(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32


def test_sections_are_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGE_POLICY_SECTIONS", "purpose, data_retention ,community_input")
    config = load_config(str(tmp_path))
    assert config["ENGAGE_POLICY_SECTIONS"] == ("purpose", "data_retention", "community_input")


def test_hsts_only_in_production(app, client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
