"""Organisations and their members."""

from __future__ import annotations

import uuid

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from koers.core.auth import Principal
from koers.core.concurrency import apply_changes
from koers.core.errors import Conflict, NotFound, Unprocessable
from koers.organisations.models import (
    MemberPublic,
    Membership,
    MembershipCreate,
    Organisation,
    OrganisationCreate,
    OrganisationUpdate,
)
from koers.users.models import User


def visible_organisation(session: Session, principal: Principal, organisation_id: uuid.UUID) -> Organisation:
    """The organisation if the principal is an admin or a member of it; otherwise 404."""
    if not principal.is_member_of(organisation_id):
        raise NotFound("Organisation")
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound("Organisation")
    return org


def _flush_unique(session: Session) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "An organisation with this chamber-of-commerce number already exists.", slug="duplicate-kvk"
        ) from exc


def create_organisation(session: Session, data: OrganisationCreate) -> Organisation:
    org = Organisation(**data.model_dump())
    session.add(org)
    _flush_unique(session)
    return org


def update_organisation(
    session: Session, org: Organisation, data: OrganisationUpdate, if_match: str | None
) -> Organisation:
    changes = data.model_dump(exclude_unset=True)
    if changes.get("name", "") is None:
        raise Unprocessable("'name' cannot be null.", field="name")
    if changes:
        try:
            with session.begin_nested():
                apply_changes(session, org, changes, if_match)
        except IntegrityError as exc:
            raise Conflict(
                "An organisation with this chamber-of-commerce number already exists.", slug="duplicate-kvk"
            ) from exc
    return org


def list_members(session: Session, organisation_id: uuid.UUID) -> list[MemberPublic]:
    rows = session.exec(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)  # type: ignore[arg-type]
        .where(Membership.organisation_id == organisation_id)
        .order_by(col(User.full_name), col(User.id))
    ).all()
    return [_member(m, u) for m, u in rows]


def _member(m: Membership, u: User) -> MemberPublic:
    return MemberPublic(
        user_id=u.id,
        organisation_id=m.organisation_id,
        role=m.role,
        email=u.email,
        full_name=u.full_name,
        is_active=u.is_active,
        created_at=m.created_at,
    )


def add_member(session: Session, organisation_id: uuid.UUID, data: MembershipCreate) -> MemberPublic:
    """Add a user to the organisation with a role. 404 for an unknown user, 409 when already a member,
    422 for a platform admin (admins need no membership)."""
    user = session.get(User, data.user_id)
    if user is None:
        raise NotFound("User")
    if user.is_admin:
        raise Unprocessable("Platform administrators cannot be organisation members.", field="user_id")
    existing = session.exec(
        select(Membership).where(Membership.organisation_id == organisation_id, Membership.user_id == user.id)
    ).first()
    if existing is not None:
        raise Conflict("This user is already a member of the organisation.", slug="duplicate-membership")
    membership = Membership(organisation_id=organisation_id, user_id=user.id, role=data.role)
    session.add(membership)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict("This user is already a member of the organisation.", slug="duplicate-membership") from exc
    return _member(membership, user)


def remove_member(session: Session, organisation_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """Remove a membership; the user loses access to the organisation at once. 404 when not a member.
    409 when the user still coaches open trajectories there (reassign them first: no client is orphaned)."""
    from koers.trajectories.models import OPEN_STATUSES, Trajectory

    membership = session.exec(
        select(Membership).where(Membership.organisation_id == organisation_id, Membership.user_id == user_id)
    ).first()
    if membership is None:
        raise NotFound("Member")
    open_count = session.exec(
        select(Trajectory.id).where(
            Trajectory.organisation_id == organisation_id,
            Trajectory.coach_id == user_id,
            Trajectory.status.in_(OPEN_STATUSES),  # type: ignore[attr-defined]
        )
    ).first()
    if open_count is not None:
        raise Conflict(
            "This coach still has open trajectories in the organisation; reassign them first.",
            slug="coach-has-open-trajectories",
        )
    session.execute(delete(Membership).where(Membership.id == membership.id))  # type: ignore[arg-type]
