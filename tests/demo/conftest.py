"""Fixtures for the demo tests: the demo loaded once per test, with cheap password hashing."""

from functools import partial

import pytest
from werkzeug.security import generate_password_hash

from engage.demo import load_demo


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    """Scrypt at full cost dominates the demo's load time; the stored hash still verifies."""
    fast = partial(generate_password_hash, method="pbkdf2:sha256:1000")
    monkeypatch.setattr("engage.accounts.models.generate_password_hash", fast)


@pytest.fixture
def demo(ctx) -> list[str]:
    """Load the demo into the test's transaction; return the lines the command would print."""
    return load_demo()
