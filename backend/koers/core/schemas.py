"""Base classes and field types for API models.

Input models forbid unknown fields (a client cannot smuggle ``organisation_id`` or ``role`` into a body),
trim strings, and refuse NUL characters (PostgreSQL cannot store them) and oversized text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _utc(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


# Text types: trimmed, bounded, NUL-free. ``Name`` for short labels, ``Text`` for prose.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_no_nul)]
OptName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_no_nul)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000), AfterValidator(_no_nul)]
SearchText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), AfterValidator(_no_nul)]
# A calendar date in the range Koers accepts anywhere (birth dates, hire dates, plans): 1900-01-01..2100-12-31.
CalendarDate = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2100, 12, 31))]
# A UTC timestamp serialised as ISO 8601 with a ``Z`` suffix.
UTCTime = Annotated[datetime, PlainSerializer(_utc, return_type=str)]


class Input(BaseModel):
    """Base of every request body."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Output(BaseModel):
    """Base of every response body (built from ORM rows)."""

    model_config = ConfigDict(from_attributes=True)


def no_nul(value: str) -> str:
    """Public form of the NUL check for query parameters."""
    return _no_nul(value)
