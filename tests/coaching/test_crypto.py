"""Encryption at rest and key rotation (``koers rotate-data-key``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text
from typer.testing import CliRunner

from koers.core.config import get_settings
from koers.core.crypto import DecryptionError, decrypt, encrypt
from tests.coaching.helpers import setup


@pytest.fixture
def keys() -> Iterator[None]:
    before = os.environ.get("DATA_ENCRYPTION_KEYS")
    yield
    if before is None:
        os.environ.pop("DATA_ENCRYPTION_KEYS", None)
    else:
        os.environ["DATA_ENCRYPTION_KEYS"] = before
    get_settings.cache_clear()


def _use(keys: str) -> None:
    os.environ["DATA_ENCRYPTION_KEYS"] = keys
    get_settings.cache_clear()


def test_round_trip_and_wrong_key(keys):
    token = encrypt("vertrouwelijk")
    assert "vertrouwelijk" not in token and decrypt(token) == "vertrouwelijk"
    _use(Fernet.generate_key().decode())
    with pytest.raises(DecryptionError):
        decrypt(token)


def test_rotate_data_key(client, f, engine, keys):
    s = setup(f, client)
    r = client.post(
        s.base + "/sessions",
        headers=s.coach.headers,
        json={
            "starts_at": "2026-07-01T10:00:00Z",
            "duration_minutes": 45,
            "mode": "phone",
            "private_notes": "oude sleutel",
        },
    )
    assert r.status_code == 201
    client.put(s.base + "/intake/why_here", headers=s.coach.headers, json={"text": "intake tekst"})
    old = get_settings().data_encryption_keys
    new = Fernet.generate_key().decode()

    _use(f"{new},{old}")  # step 2: new key first; old values stay readable
    assert (
        client.get(s.base + "/sessions", headers=s.coach.headers).json()["items"][0]["private_notes"] == "oude sleutel"
    )
    from koers.cli import app

    result = CliRunner().invoke(app, ["rotate-data-key"])
    assert result.exit_code == 0, result.output

    _use(new)  # step 4: the old key is gone
    assert (
        client.get(s.base + "/sessions", headers=s.coach.headers).json()["items"][0]["private_notes"] == "oude sleutel"
    )
    assert client.get(s.base + "/intake", headers=s.coach.headers).json()[0]["text"] == "intake tekst"
    with engine.connect() as conn:
        raw = conn.execute(text("SELECT private_notes FROM coaching_sessions")).scalar_one()
    assert Fernet(new.encode()).decrypt(raw.encode()) == b"oude sleutel"

    # rotating with a key list that cannot read the data fails and changes nothing
    _use(Fernet.generate_key().decode())
    result = CliRunner().invoke(app, ["rotate-data-key"])
    assert result.exit_code == 1
    _use(new)
    assert (
        client.get(s.base + "/sessions", headers=s.coach.headers).json()["items"][0]["private_notes"] == "oude sleutel"
    )
