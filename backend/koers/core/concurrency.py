"""Optimistic concurrency: an ``ETag`` on reads, ``If-Match`` on updates (RFC 9110 §13.1.1).

Every versioned row has an integer ``version``; its ETag is the weak tag ``W/"<version>"``. An update with a
stale ``If-Match`` is a 412 and changes nothing; the update itself is ``UPDATE … WHERE version = :seen`` so
two concurrent writers cannot both win.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Response
from sqlalchemy import update
from sqlmodel import Session, SQLModel

from koers.core.db import utcnow
from koers.core.errors import ProblemError


def etag(version: int) -> str:
    return f'W/"{version}"'


def set_etag(response: Response, obj: Any) -> None:
    response.headers["ETag"] = etag(obj.version)


IfMatch = Annotated[
    str | None,
    Header(
        max_length=200,
        description='The ETag from a previous read (e.g. `W/"3"`); a stale tag is answered 412 and changes nothing.',
    ),
]


def _precondition_failed() -> ProblemError:
    return ProblemError(
        412,
        "Precondition failed",
        "The record was changed by someone else since you read it. Reload it and apply your change again.",
        slug="stale-version",
    )


def check_if_match(if_match: str | None, current_version: int) -> None:
    """Raise 412 when ``if_match`` is given and matches none of the current version's tags."""
    if if_match is None:
        return
    tags = {t.strip() for t in if_match.split(",")}
    if "*" in tags:
        return
    accepted = {etag(current_version), f'"{current_version}"'}
    if not tags & accepted:
        raise _precondition_failed()


def apply_changes(session: Session, obj: SQLModel, changes: dict[str, Any], if_match: str | None) -> None:
    """Write ``changes`` to ``obj`` as one versioned UPDATE (the version column is bumped).

    Raises 412 when ``if_match`` is stale or another transaction changed the row in between.
    """
    current: int = obj.version  # type: ignore[attr-defined]
    check_if_match(if_match, current)
    model = type(obj)
    values = {**changes, "version": current + 1}
    if hasattr(obj, "updated_at"):
        values["updated_at"] = utcnow()
    result = session.execute(
        update(model)
        .where(model.id == obj.id, model.version == current)  # type: ignore[attr-defined]
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _precondition_failed()
    for key, value in values.items():
        setattr(obj, key, value)
    # The in-memory object now equals the row; keep the session from re-writing it.
    session.expire(obj)
    session.refresh(obj)
