"""HTTP routes: authentication (``/auth``), users (``/users``) and ``/me``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, Response, status
from sqlalchemy import func
from sqlmodel import col, select

from koers.core.auth import AdminPrincipal, CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.errors import Unauthorized
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate, parse_sort
from koers.core.ratelimit import check_login_allowed, record_failed_login
from koers.core.schemas import SearchText
from koers.users import service
from koers.users.models import Me, RefreshRequest, TokenPair, User, UserCreate, UserPublic, UserUpdate

auth_router = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(tags=["users"])


@auth_router.post("/token", operation_id="create_token", response_model=TokenPair)
def create_token(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=320, description="The user's email address.")],
    password: Annotated[str, Form(max_length=200)],
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
) -> TokenPair:
    """OAuth 2.0 resource-owner password grant (RFC 6749 §4.3). Answers 401 for a wrong email or password
    (without saying which) and 429 with ``Retry-After`` when the account or address is throttled."""
    account = service.normalise_email(username.replace("\x00", ""))
    address = request.client.host if request.client else "unknown"
    check_login_allowed(account, address)
    user = service.authenticate(session, account, password.replace("\x00", ""))
    if user is None:
        record_failed_login(account)
        raise Unauthorized("Incorrect email or password.")
    return service.issue_tokens(session, user)


@auth_router.post("/refresh", operation_id="refresh_token", response_model=TokenPair)
def refresh_token(body: RefreshRequest, session: SessionDep) -> TokenPair:
    """Exchange a refresh token for a new pair (the old refresh token is used up)."""
    return service.rotate_refresh_token(session, body.refresh_token)


@auth_router.post("/logout", operation_id="logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(body: RefreshRequest, session: SessionDep) -> Response:
    """Revoke the refresh token (and the tokens rotated from the same login). Always 204."""
    service.revoke_refresh_token(session, body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", operation_id="read_me", response_model=Me)
def read_me(principal: CurrentPrincipal, session: SessionDep) -> Me:
    """The calling user with their memberships (organisation, role)."""
    return service.me(session, principal)


USER_SORTS = {
    "email": SortKey("email", (User.email,)),
    "full_name": SortKey("full_name", (User.full_name,)),
    "created_at": SortKey("created_at", (User.created_at,), kind="datetime"),
}


@router.get("/users", operation_id="list_users", response_model=Page[UserPublic])
def list_users(
    principal: AdminPrincipal,
    session: SessionDep,
    q: Annotated[SearchText | None, Query(description="Search in name and email.")] = None,
    is_active: bool | None = None,
    sort: Annotated[str | None, Query(max_length=50)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[UserPublic]:
    """All users (admins only), sorted by ``email`` (default), ``full_name`` or ``created_at``."""
    key, desc = parse_sort(sort, USER_SORTS, "email")
    query = select(User)
    if q:
        query = query.where(
            col(User.email).contains(q.lower(), autoescape=True)
            | func.lower(col(User.full_name)).contains(q.lower(), autoescape=True)
        )
    if is_active is not None:
        query = query.where(User.is_active == is_active)
    rows, nxt = paginate(
        query,
        key,
        desc,
        User.id,
        limit,
        cursor,
        lambda q_: session.exec(q_).all(),  # type: ignore[call-overload]
        lambda u: [getattr(u, key.name), u.id],
    )
    return Page(items=[UserPublic.model_validate(u) for u in rows], next_cursor=nxt)


@router.post("/users", operation_id="create_user", response_model=UserPublic, status_code=201)
def create_user(principal: AdminPrincipal, body: UserCreate, session: SessionDep, response: Response) -> UserPublic:
    """Create a user (admins only). 409 when the email is taken."""
    user = service.create_user(session, body)
    set_etag(response, user)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    return UserPublic.model_validate(user)


@router.get("/users/{user_id}", operation_id="read_user", response_model=UserPublic)
def read_user(user_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response) -> UserPublic:
    user = service.visible_user(session, principal, user_id)
    set_etag(response, user)
    return UserPublic.model_validate(user)


@router.patch("/users/{user_id}", operation_id="update_user", response_model=UserPublic)
def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> UserPublic:
    """Update a user. Admins may change email and ``is_active`` (deactivation refuses the user at once,
    even with an unexpired token); users may change their own name and password."""
    user = service.visible_user(session, principal, user_id)
    user = service.update_user(session, principal, user, body, if_match)
    set_etag(response, user)
    return UserPublic.model_validate(user)
