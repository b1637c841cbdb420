"""Login throttling with the ``limits`` library: a moving window per account and per client address,
kept in memory by default and in Redis when ``REDIS_URL`` is set (so all app processes share the count)."""

from __future__ import annotations

import math
import time
from functools import lru_cache

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from koers.core.config import get_settings
from koers.core.errors import ProblemError


@lru_cache
def _limiter() -> MovingWindowRateLimiter:
    settings = get_settings()
    return MovingWindowRateLimiter(storage_from_string(settings.redis_url or "memory://"))


@lru_cache
def _items() -> tuple[RateLimitItem, RateLimitItem]:
    settings = get_settings()
    return parse(settings.login_rate_per_account), parse(settings.login_rate_per_address)


def _too_many(item: RateLimitItem, *keys: str) -> ProblemError:
    reset_at, _remaining = _limiter().get_window_stats(item, *keys)
    retry_after = max(1, math.ceil(reset_at - time.time()))
    return ProblemError(
        429,
        "Too many requests",
        "Too many login attempts. Try again later.",
        slug="rate-limited",
        headers={"Retry-After": str(retry_after)},
    )


def check_login_allowed(account: str, address: str) -> None:
    """Count one attempt from ``address`` and refuse (429 with ``Retry-After``) when either the address or
    the account (``account`` is the normalised email, used only as a key) is over its limit."""
    per_account, per_address = _items()
    if not _limiter().hit(per_address, "login-address", address):
        raise _too_many(per_address, "login-address", address)
    if not _limiter().test(per_account, "login-account", account):
        raise _too_many(per_account, "login-account", account)


def record_failed_login(account: str) -> None:
    """Count a failed attempt against the account (successful logins do not use up the account's budget)."""
    per_account, _ = _items()
    _limiter().hit(per_account, "login-account", account)


def reset_limits() -> None:
    """Forget all counts (tests)."""
    _limiter().storage.reset()
