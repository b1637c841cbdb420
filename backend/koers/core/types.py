"""Shared column and field helpers: enums stored as checked strings, UTC timestamps, UUID keys."""

from __future__ import annotations

import enum

from sqlalchemy import Enum as SAEnum


def enum_type(enum_cls: type[enum.Enum], name: str) -> SAEnum:
    """A string column limited by a named CHECK constraint (not a native PostgreSQL enum), so adding a
    value is a plain constraint change in a migration on both databases."""
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=40,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


__all__ = ["enum_type"]
