"""Who is calling: the ``Principal`` dependency and the role checks every route uses.

Roles (issue 2): a platform ``admin`` may do everything; ``hr`` everything inside their organisations; a
``coach`` only the trajectories they coach and the basic profile of those employees. Objects of another
organisation answer 404 exactly like missing ones, so their existence never leaks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import literal_column, null, true, union_all
from sqlmodel import Session, col, select

from koers.core.db import SessionDep
from koers.core.errors import Forbidden, NotFound, Unauthorized
from koers.core.security import decode_access_token
from koers.organisations.models import Membership, MembershipRole
from koers.users.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


@dataclass
class Principal:
    """The authenticated, active user and their current memberships (organisation id → role)."""

    user: User
    roles: dict[uuid.UUID, MembershipRole] = field(default_factory=dict)
    # Employees this user is the client of (their own login, issue 5): they see only those trajectories.
    client_employee_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin

    def orgs_with(self, role: MembershipRole) -> set[uuid.UUID]:
        return {org for org, r in self.roles.items() if r == role}

    @property
    def hr_orgs(self) -> set[uuid.UUID]:
        return self.orgs_with(MembershipRole.hr)

    @property
    def coach_orgs(self) -> set[uuid.UUID]:
        return self.orgs_with(MembershipRole.coach)

    def is_client_of(self, employee_id: uuid.UUID) -> bool:
        return employee_id in self.client_employee_ids

    def is_hr_of(self, organisation_id: uuid.UUID) -> bool:
        return self.is_admin or self.roles.get(organisation_id) == MembershipRole.hr

    def is_member_of(self, organisation_id: uuid.UUID) -> bool:
        return self.is_admin or organisation_id in self.roles

    def require_hr(self, organisation_id: uuid.UUID, what: str = "Organisation") -> None:
        """Allow admins and this organisation's HR. A coach of the organisation gets 403; anyone else 404
        (the organisation's existence is not revealed)."""
        if self.is_hr_of(organisation_id):
            return
        if organisation_id in self.roles:
            raise Forbidden("Only the organisation's HR may do this.")
        raise NotFound(what)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise Forbidden("Only platform administrators may do this.")


def get_principal(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> Principal:
    """Authenticate the bearer token. Raises 401 (with ``WWW-Authenticate: Bearer``) when the token is
    missing, invalid or expired, or its user no longer exists or is deactivated — checked on every request,
    so deactivation and membership removal take effect at once."""
    if not token:
        raise Unauthorized()
    user_id = decode_access_token(token)
    if user_id is None:
        raise Unauthorized("The access token is invalid or expired.")
    user, roles, clients = _load_principal(session, user_id)
    if user is None or not user.is_active:
        raise Unauthorized("The access token is invalid or expired.")
    return Principal(user=user, roles=roles, client_employee_ids=frozenset(clients))


def _load_principal(
    session: Session, user_id: uuid.UUID
) -> tuple[User | None, dict[uuid.UUID, MembershipRole], list[uuid.UUID]]:
    """The user, their memberships (organisation id → role) and the employees they are the client of, in ONE
    statement: the user row left-joined to the union of their membership rows (``kind`` 'm': organisation id
    and role) and client-account rows (``kind`` 'c': employee id). No rows when the user does not exist."""
    from koers.coaching.models import ClientAccount  # a domain table; imported late to keep core free of cycles

    grants = union_all(
        select(
            literal_column("'m'").label("kind"),
            col(Membership.organisation_id).label("ref"),
            col(Membership.role).label("role"),
        ).where(col(Membership.user_id) == user_id),
        select(
            literal_column("'c'").label("kind"),
            col(ClientAccount.employee_id).label("ref"),
            null().label("role"),
        ).where(col(ClientAccount.user_id) == user_id),
    ).subquery("grants")
    rows = session.execute(
        select(User, grants.c.kind, grants.c.ref, grants.c.role)
        .outerjoin(grants, true())
        .where(col(User.id) == user_id)
    ).all()
    if not rows:
        return None, {}, []
    roles = {ref: MembershipRole(role) for _, kind, ref, role in rows if kind == "m"}
    clients = [ref for _, kind, ref, _ in rows if kind == "c"]
    return rows[0][0], roles, clients


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require_admin(principal: CurrentPrincipal) -> Principal:
    principal.require_admin()
    return principal


AdminPrincipal = Annotated[Principal, Depends(require_admin)]
