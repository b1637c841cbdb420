"""Keyset (cursor) pagination: ``{items, next_cursor}`` pages whose cost does not grow with depth.

A cursor is an opaque, URL-safe token holding the sort key and id of the last row of the previous page and
the sort it belongs to; a cursor from another sort, or a tampered one, is a 422.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, and_, or_, tuple_
from sqlalchemy.sql import Select

from koers.core.errors import Unprocessable

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    """One page of a list: ``next_cursor`` is null on the last page."""

    items: list[T]
    next_cursor: str | None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (default 50, at most 200).")]
Cursor = Annotated[
    str | None,
    Query(max_length=1000, pattern=r"^[A-Za-z0-9_\-=]*$", description="`next_cursor` of the previous page."),
]


@dataclass(frozen=True)
class SortKey:
    """A sortable field: its public name, the column(s) ordered by (the id is always the tie-breaker)."""

    name: str
    columns: tuple[Any, ...]
    kind: str = "str"  # str | date | datetime | int — how cursor values are decoded


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return None if value is None else str(value) if not isinstance(value, int | float | str) else value


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort, "v": [_encode_value(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    """Decode a cursor for ``sort``; raises 422 when it is malformed or was made for another sort."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(data, dict) or data.get("s") != sort or not isinstance(data.get("v"), list):
            raise ValueError
        return list(data["v"])
    except (ValueError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unprocessable("The cursor is invalid or belongs to another sort order.", slug="invalid-cursor") from exc


def parse_sort(sort: str | None, allowed: dict[str, SortKey], default: str) -> tuple[SortKey, bool]:
    """Resolve ``sort`` (``name`` or ``-name`` for descending) against the allow-list.

    Raises 422 for a field that is not allowed: an unknown sort is never silently ignored."""
    spec = sort or default
    descending = spec.startswith("-")
    name = spec[1:] if descending else spec
    if name not in allowed:
        raise Unprocessable(
            f"Cannot sort by '{name[:50]}'. Allowed: {', '.join(sorted(allowed))} (prefix '-' for descending).",
            field="sort",
            slug="invalid-sort",
        )
    return allowed[name], descending


def _convert(kind: str, value: Any) -> Any:
    """A cursor value as the sort column's type. Raises ``ValueError`` for anything a tampered cursor may
    hold that the database would refuse (PostgreSQL compares text only with text, binds no objects, stores
    no NUL): null (sort columns are non-null), a wrong JSON type, a naive or out-of-range time."""
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or not -(2**63) <= value < 2**63:
            raise ValueError("not a 64-bit integer")
        return value
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("not a string")
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "datetime":
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("naive datetime")
        try:
            moment.astimezone(UTC)
        except OverflowError as exc:
            raise ValueError("out of range") from exc
        return moment
    return value


def paginate(
    query: Select[Any],
    key: SortKey,
    descending: bool,
    id_column: Any,
    limit: int,
    cursor: str | None,
    execute: Callable[[Select[Any]], Sequence[Any]],
    row_key: Callable[[Any], Sequence[Any]],
) -> tuple[list[Any], str | None]:
    """Apply keyset ordering, the cursor condition and ``limit`` to ``query`` and run it with ``execute``.

    Sort columns must be non-null (use ``coalesce`` expressions for nullable fields). ``row_key(row)``
    returns the row's values for ``key.columns`` followed by its id. Returns the page's rows and the next
    cursor (``None`` on the last page).
    """
    cols = [*key.columns, id_column]
    cursor_name = f"{'-' if descending else ''}{key.name}"
    if cursor:
        raw = decode_cursor(cursor, cursor_name)
        if len(raw) != len(cols):
            raise Unprocessable("The cursor is invalid.", slug="invalid-cursor")
        kinds = [key.kind] * len(key.columns) + ["uuid"]
        try:
            values = [_convert(k, v) for k, v in zip(kinds, raw, strict=True)]
            import uuid as _uuid

            values[-1] = _uuid.UUID(str(values[-1]))
        except (ValueError, TypeError) as exc:
            raise Unprocessable("The cursor is invalid.", slug="invalid-cursor") from exc
        condition: ColumnElement[bool]
        if len(cols) == 2:
            # Expanded form works on every database and uses a composite index.
            c0, c1 = cols
            if descending:
                condition = or_(c0 < values[0], and_(c0 == values[0], c1 < values[1]))
            else:
                condition = or_(c0 > values[0], and_(c0 == values[0], c1 > values[1]))
        else:
            condition = tuple_(*cols) < tuple_(*values) if descending else tuple_(*cols) > tuple_(*values)
        query = query.where(condition)
    order = [c.desc() for c in cols] if descending else [c.asc() for c in cols]
    rows = list(execute(query.order_by(*order).limit(limit + 1)))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(cursor_name, row_key(rows[-1]))
    return rows, next_cursor
