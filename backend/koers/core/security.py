"""All token and password code: Argon2id hashing (RFC 9106, via pwdlib), access JWTs (RFC 7519, HS256,
via python-jose) and opaque refresh tokens (stored as SHA-256 hashes)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from koers.core.config import get_settings
from koers.core.db import utcnow

ALGORITHM = "HS256"
ALLOWED_ALGORITHMS = [ALGORITHM]  # never "none", never an asymmetric algorithm with our HMAC key
ISSUER = "koers"


@lru_cache
def _hasher() -> PasswordHash:
    settings = get_settings()
    return PasswordHash((Argon2Hasher(time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_cost),))


@lru_cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """Argon2id hash of ``password`` (PHC string format)."""
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Check ``password`` against ``password_hash``; returns ``(ok, new_hash)`` where ``new_hash`` is set
    when the stored hash used outdated parameters. With ``password_hash=None`` (unknown user) a dummy hash
    is verified anyway, so response time does not reveal whether an account exists."""
    if password_hash is None:
        _hasher().verify(password, _dummy_hash())
        return False, None
    try:
        return _hasher().verify_and_update(password, password_hash)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False, None


def create_access_token(user_id: uuid.UUID) -> tuple[str, int]:
    """A signed access JWT for ``user_id``; returns ``(token, lifetime_seconds)``. Claims: ``sub``, ``iat``,
    ``exp``, ``iss``, ``jti``."""
    settings = get_settings()
    lifetime = settings.access_token_minutes * 60
    now = utcnow()
    claims = {
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=lifetime)).timestamp()),
        "iss": ISSUER,
        "jti": secrets.token_hex(8),
        "typ": "access",
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM), lifetime


def decode_access_token(token: str) -> uuid.UUID | None:
    """The user id in a valid access token, or ``None`` when the token is malformed, tampered with, signed
    with another algorithm (``alg: none`` included), expired, or lacks ``exp``/``sub``."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=ALLOWED_ALGORITHMS,
            issuer=ISSUER,
            options={"require_exp": True, "require_sub": True, "require_iat": True},
        )
        if claims.get("typ") != "access":
            return None
        return uuid.UUID(str(claims["sub"]))
    except (JWTError, ValueError, KeyError, TypeError):
        return None


def new_refresh_token() -> tuple[str, str]:
    """A new opaque refresh token (256 bits, URL-safe) and its SHA-256 hex digest for storage."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    """SHA-256 hex digest of an opaque token (refresh tokens, invitation links)."""
    return hashlib.sha256(token.encode()).hexdigest()
