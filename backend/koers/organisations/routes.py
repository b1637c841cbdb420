"""HTTP routes: organisations and their members."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import func
from sqlmodel import col, select

from koers.core.auth import AdminPrincipal, CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate, parse_sort
from koers.core.schemas import OptName, SearchText
from koers.organisations import service
from koers.organisations.models import (
    MemberPublic,
    MembershipCreate,
    Organisation,
    OrganisationCreate,
    OrganisationPublic,
    OrganisationUpdate,
)

router = APIRouter(prefix="/organisations", tags=["organisations"])

ORG_SORTS = {
    "name": SortKey("name", (Organisation.name,)),
    "created_at": SortKey("created_at", (Organisation.created_at,), kind="datetime"),
}


@router.get("", operation_id="list_organisations", response_model=Page[OrganisationPublic])
def list_organisations(
    principal: CurrentPrincipal,
    session: SessionDep,
    q: Annotated[SearchText | None, Query(description="Search in the name.")] = None,
    sector: Annotated[OptName | None, Query()] = None,
    sort: Annotated[str | None, Query(max_length=50)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[OrganisationPublic]:
    """Organisations the caller may see: all for admins, their own for members."""
    key, desc = parse_sort(sort, ORG_SORTS, "name")
    query = select(Organisation)
    if not principal.is_admin:
        query = query.where(Organisation.id.in_(list(principal.roles)))  # type: ignore[attr-defined]
    if q:
        query = query.where(func.lower(col(Organisation.name)).contains(q.lower(), autoescape=True))
    if sector:
        query = query.where(Organisation.sector == sector)
    rows, nxt = paginate(
        query,
        key,
        desc,
        Organisation.id,
        limit,
        cursor,
        lambda q_: session.exec(q_).all(),  # type: ignore[call-overload]
        lambda o: [getattr(o, key.name), o.id],
    )
    return Page(items=[OrganisationPublic.model_validate(o) for o in rows], next_cursor=nxt)


@router.post("", operation_id="create_organisation", response_model=OrganisationPublic, status_code=201)
def create_organisation(
    principal: AdminPrincipal, body: OrganisationCreate, session: SessionDep, response: Response
) -> OrganisationPublic:
    """Create an organisation (admins only). 409 when the chamber-of-commerce number is taken."""
    org = service.create_organisation(session, body)
    set_etag(response, org)
    response.headers["Location"] = f"/api/v1/organisations/{org.id}"
    return OrganisationPublic.model_validate(org)


@router.get("/{organisation_id}", operation_id="read_organisation", response_model=OrganisationPublic)
def read_organisation(
    organisation_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> OrganisationPublic:
    org = service.visible_organisation(session, principal, organisation_id)
    set_etag(response, org)
    return OrganisationPublic.model_validate(org)


@router.patch("/{organisation_id}", operation_id="update_organisation", response_model=OrganisationPublic)
def update_organisation(
    organisation_id: uuid.UUID,
    body: OrganisationUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> OrganisationPublic:
    """Update an organisation (admins and its HR)."""
    principal.require_hr(organisation_id)
    org = service.visible_organisation(session, principal, organisation_id)
    org = service.update_organisation(session, org, body, if_match)
    set_etag(response, org)
    return OrganisationPublic.model_validate(org)


@router.delete("/{organisation_id}", operation_id="delete_organisation", status_code=204)
def delete_organisation(organisation_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    """Delete an organisation and everything in it (admins only; irreversible)."""
    org = service.visible_organisation(session, principal, organisation_id)
    session.delete(org)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{organisation_id}/members", operation_id="list_members", response_model=list[MemberPublic])
def list_members(organisation_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> list[MemberPublic]:
    """Members of the organisation with their roles (admins and its HR)."""
    principal.require_hr(organisation_id)
    service.visible_organisation(session, principal, organisation_id)
    return service.list_members(session, organisation_id)


@router.post("/{organisation_id}/members", operation_id="add_member", response_model=MemberPublic, status_code=201)
def add_member(
    organisation_id: uuid.UUID, body: MembershipCreate, principal: CurrentPrincipal, session: SessionDep
) -> MemberPublic:
    """Make an existing user a member with role ``hr`` or ``coach`` (admins and the organisation's HR)."""
    principal.require_hr(organisation_id)
    service.visible_organisation(session, principal, organisation_id)
    return service.add_member(session, organisation_id, body)


@router.delete("/{organisation_id}/members/{user_id}", operation_id="remove_member", status_code=204)
def remove_member(
    organisation_id: uuid.UUID, user_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    """End a membership (admins and the organisation's HR); the user is refused there at once."""
    principal.require_hr(organisation_id)
    service.visible_organisation(session, principal, organisation_id)
    service.remove_member(session, organisation_id, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
