"""Confidential text at rest: Fernet (AES-128-CBC + HMAC-SHA256, via ``cryptography``) with key rotation.

``DATA_ENCRYPTION_KEYS`` holds one or more Fernet keys, comma-separated: the first encrypts, every key
decrypts (``MultiFernet``). Rotating is: put a new key first, keep the old ones, run
``koers rotate-data-key`` (re-encrypts every confidential column with the first key), then drop the old keys.

Columns typed ``EncryptedText`` / ``EncryptedJSON`` hold only ciphertext in the database, so a dump or a
backup does not reveal private notes, intake content or referral screening (issue 5).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Connection, MetaData, Table, Text, select, tuple_, update
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from koers.core.config import get_settings


class DecryptionError(RuntimeError):
    """A stored value could not be decrypted with any configured key (a key was dropped too early)."""


@lru_cache(maxsize=4)
def _multi(keys: str) -> MultiFernet:
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise ValueError("DATA_ENCRYPTION_KEYS is empty")
    return MultiFernet([Fernet(k.encode()) for k in parts])


def fernet() -> MultiFernet:
    """The ``MultiFernet`` for the current settings (cached per key list)."""
    return _multi(get_settings().data_encryption_keys)


def encrypt(plaintext: str) -> str:
    """Encrypt UTF-8 text with the first key; returns the URL-safe base64 Fernet token as ``str``."""
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a Fernet token with any configured key. Raises ``DecryptionError`` when no key fits."""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("a confidential value cannot be decrypted with the configured keys") from exc


def rotate(token: str) -> str:
    """Re-encrypt a Fernet token with the first key (``MultiFernet.rotate``); the plaintext never leaves
    this function. Raises ``DecryptionError`` when no configured key fits."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("a confidential value cannot be decrypted with the configured keys") from exc


class EncryptedText(TypeDecorator[str]):
    """A text column stored as a Fernet token (``TEXT`` in the database); ``None`` stays ``NULL``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator[Any]):
    """A JSON document (dict or list) stored encrypted as one Fernet token in a ``TEXT`` column."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else encrypt(json.dumps(value, separators=(",", ":"), default=str))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(decrypt(value))


def encrypted_columns(metadata: MetaData) -> list[tuple[Table, list[str]]]:
    """Every table in ``metadata`` with its ``EncryptedText`` / ``EncryptedJSON`` column names."""
    found = []
    for table in metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, EncryptedText | EncryptedJSON)]
        if names:
            found.append((table, names))
    return found


def reencrypt_all(connection: Connection, metadata: MetaData, batch: int = 500) -> int:
    """Re-encrypt every confidential column with the first configured key (``MultiFernet.rotate``), in
    primary-key order, ``batch`` rows per statement round. Ciphertext is read and written raw, so no
    plaintext is ever materialised outside ``rotate``. Returns the number of values re-encrypted. Raises
    ``DecryptionError`` when a value fits none of the keys (nothing is committed by this function; the
    caller owns the transaction)."""
    count = 0
    for table, names in encrypted_columns(metadata):
        pk = list(table.primary_key.columns)
        raw = sa_table(table.name, *(sa_column(c.name) for c in pk), *(sa_column(n, Text()) for n in names))
        last: tuple[Any, ...] | None = None
        while True:
            pk_cols = [raw.c[c.name] for c in pk]
            query = select(*pk_cols, *(raw.c[n] for n in names)).order_by(*pk_cols).limit(batch)
            if last is not None:
                query = query.where(tuple_(*pk_cols) > tuple_(*last))
            rows = connection.execute(query).all()
            if not rows:
                break
            for row in rows:
                keys = tuple(row[: len(pk)])
                values = {n: rotate(v) for n, v in zip(names, row[len(pk) :], strict=True) if v is not None}
                if values:
                    where = [raw.c[c.name] == k for c, k in zip(pk, keys, strict=True)]
                    connection.execute(update(raw).where(*where).values(**values))
                    count += len(values)
            last = tuple(rows[-1][: len(pk)])
    return count


__all__ = [
    "DecryptionError",
    "EncryptedJSON",
    "EncryptedText",
    "decrypt",
    "encrypt",
    "encrypted_columns",
    "fernet",
    "reencrypt_all",
    "rotate",
]
