"""Coaching inside a trajectory: the caller's context (role and consent in force), the audit log, client
invitations, the agreement, consent, and the whole trajectory as one role sees it.

Who may see what is decided by ``koers.visibility`` only; this module asks it. Who may *write*: the
trajectory's coach writes the coaching content; the client gives or withdraws consent and approves or
returns the closing report; HR (and admins) edit the agreement and invite clients. Services flush; the
request's session commits.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from koers.coaching.models import (
    Agreement,
    AuditAction,
    AuditEntry,
    ClientAccount,
    ClientInvitation,
    Consent,
)
from koers.coaching.schemas import (
    AgreementPublic,
    AgreementWrite,
    ClientInvitationAccept,
    ClientInvitationPublic,
    ConsentPublic,
    ConsentWrite,
)
from koers.core.auth import Principal
from koers.core.concurrency import apply_changes
from koers.core.db import utcnow
from koers.core.errors import Conflict, Forbidden, NotFound, ProblemError, Unprocessable
from koers.core.ratelimit import check_login_allowed, record_failed_login
from koers.core.security import hash_token, verify_password
from koers.employees.models import Employee
from koers.organisations.models import Membership
from koers.trajectories.models import Trajectory
from koers.users.models import TokenPair, User
from koers.visibility import Role, Shared, require_role

INVITATION_DAYS = 7


@dataclass
class Ctx:
    """A request's view of one trajectory: who asks, in which role, and the consent in force."""

    principal: Principal
    trajectory: Trajectory
    role: Role
    shared: Shared

    @property
    def is_coach(self) -> bool:
        return self.role is Role.coach


def context(session: Session, principal: Principal, trajectory_id: uuid.UUID) -> Ctx:
    """Load the trajectory, the caller's role (``visibility.role_of``) and the consent in force.

    Raises 404 ``Trajectory`` when it does not exist or the caller has no role for it. Three statements."""
    trajectory = session.get(Trajectory, trajectory_id)
    if trajectory is None:
        raise NotFound("Trajectory")
    role = require_role(principal, trajectory)
    return Ctx(principal, trajectory, role, shared_items(session, trajectory.id))


def shared_items(session: Session, trajectory_id: uuid.UUID) -> Shared:
    """The consent items in force: shareable in the agreement and granted by the newest consent version."""
    shareable = session.exec(select(Agreement.shareable_items).where(Agreement.trajectory_id == trajectory_id)).first()
    granted = session.exec(
        select(Consent.items).where(Consent.trajectory_id == trajectory_id).order_by(col(Consent.version).desc())
    ).first()
    return Shared.of(shareable, granted)


def require_coach(ctx: Ctx) -> None:
    """Only the trajectory's coach writes coaching content (403 for everyone else who can see it)."""
    if not ctx.is_coach:
        raise Forbidden("Only the trajectory's coach may do this.")


def require_client(ctx: Ctx) -> None:
    if ctx.role is not Role.client:
        raise Forbidden("Only the client may do this.")


def audit(
    session: Session,
    ctx: Ctx,
    action: AuditAction,
    record_type: str,
    record_id: uuid.UUID | None = None,
) -> None:
    """Add an audit entry: who (the caller), when (now, UTC), what, which record — ids only, never content."""
    session.add(
        AuditEntry(
            organisation_id=ctx.trajectory.organisation_id,
            trajectory_id=ctx.trajectory.id,
            actor_id=ctx.principal.id,
            action=action,
            record_type=record_type,
            record_id=record_id or ctx.trajectory.id,
        )
    )


def invite_client(session: Session, ctx: Ctx) -> ClientInvitationPublic:
    """A one-time link (valid ``INVITATION_DAYS`` days) for the trajectory's client to create a login. The
    coach, the organisation's HR and admins may invite (403 for the client). Only the SHA-256 hash of the
    256-bit token is stored. Raises 422 ``no-email`` when the employee has no email address (the login's
    user name)."""
    if ctx.role not in (Role.coach, Role.hr, Role.admin):
        raise Forbidden("Only the coach or the organisation's HR may invite the client.")
    employee = session.get(Employee, ctx.trajectory.employee_id)
    if employee is None or not employee.email:
        raise Unprocessable("The employee has no email address; HR must add one first.", slug="no-email")
    token = secrets.token_urlsafe(32)
    invitation = ClientInvitation(
        trajectory_id=ctx.trajectory.id,
        employee_id=ctx.trajectory.employee_id,
        token_hash=hash_token(token),
        created_by=ctx.principal.id,
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    session.add(invitation)
    audit(session, ctx, AuditAction.invite, "client_invitation", invitation.id)
    session.flush()
    return ClientInvitationPublic(
        token=token, url=f"/client-invitation#token={token}", expires_at=invitation.expires_at
    )


def _is_member(session: Session, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    row = session.exec(
        select(Membership.id).where(Membership.user_id == user_id, Membership.organisation_id == organisation_id)
    ).first()
    return row is not None


def accept_invitation(session: Session, data: ClientInvitationAccept, address: str) -> TokenPair:
    """Redeem a client invitation: create the client's login (email = the employee's email) or, when a user
    with that email exists, link it after checking its password (throttled per account and per ``address``,
    the caller's network address, like a login: 429 with ``Retry-After``). Single use, expiring.

    Raises 404 for an unknown token, 409 ``invitation-used`` when already redeemed, 410
    ``invitation-expired`` after expiry, 422 when the employee has no email address, 409
    ``account-exists`` when the email belongs to a user whose password does not match, 409
    ``account-not-eligible`` when it belongs to an admin or a member (HR, coach) of the employee's
    organisation. Returns tokens."""
    from koers.users.models import UserCreate
    from koers.users.service import create_user, get_by_email, issue_tokens

    invitation = session.exec(
        select(ClientInvitation).where(ClientInvitation.token_hash == hash_token(data.token)).with_for_update()
    ).first()
    if invitation is None:
        raise NotFound("Invitation")
    if invitation.used_at is not None:
        raise Conflict("This invitation has already been used.", slug="invitation-used")
    if invitation.expires_at < utcnow():
        raise ProblemError(410, "Gone", "This invitation has expired; ask for a new one.", slug="invitation-expired")
    employee = session.get(Employee, invitation.employee_id)
    if employee is None:
        raise NotFound("Invitation")
    if not employee.email:
        raise Unprocessable("The employee has no email address; HR must add one first.", slug="no-email")
    user: User | None = get_by_email(session, employee.email)
    if user is not None:
        # Checked before the password, so the answer is no password oracle for these accounts.
        if user.is_admin or _is_member(session, user.id, employee.organisation_id):
            # Otherwise HR could point an employee's email at their own account, accept, and read the
            # trajectory as its client (unconsented items) or consent in the client's name.
            raise Conflict(
                "This account belongs to an administrator or a member of the organisation and cannot be a "
                "client login; give the employee their own email address.",
                slug="account-not-eligible",
            )
        # A password check like a login, so it is throttled like one (else an unused invitation would be an
        # unthrottled way to guess the password of whatever account the employee's email names).
        check_login_allowed(user.email, address)
        ok, _ = verify_password(data.password, user.password_hash)
        if not ok or not user.is_active:
            record_failed_login(user.email)
            raise Conflict("An account with this email exists; use its password to accept.", slug="account-exists")
    else:
        full_name = data.full_name or " ".join(
            p for p in (employee.given_name, employee.family_name_prefix, employee.family_name) if p
        )
        user = create_user(
            session,
            UserCreate.model_validate({"email": employee.email, "full_name": full_name, "password": data.password}),
        )
    link = session.get(ClientAccount, (user.id, employee.id))
    if link is None:
        session.add(ClientAccount(user_id=user.id, employee_id=employee.id))
    invitation.used_at = utcnow()
    invitation.used_by = user.id
    session.add(invitation)
    session.add(
        AuditEntry(
            organisation_id=employee.organisation_id,
            trajectory_id=invitation.trajectory_id,
            actor_id=user.id,
            action=AuditAction.create,
            record_type="client_account",
            record_id=user.id,
        )
    )
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict("This invitation has already been used.", slug="invitation-used") from exc
    return issue_tokens(session, user)


# --- agreement and consent -------------------------------------------------------------------------


def agreement_out(trajectory: Trajectory, agreement: Agreement | None) -> AgreementPublic:
    return AgreementPublic(
        trajectory_id=trajectory.id,
        goals=agreement.goals if agreement else None,
        planned_hours=float(trajectory.planned_hours) if trajectory.planned_hours is not None else None,
        shareable_items=list(agreement.shareable_items) if agreement else [],
        version=agreement.version if agreement else 0,
        updated_at=agreement.updated_at if agreement else None,
    )


def get_agreement(session: Session, trajectory_id: uuid.UUID) -> Agreement | None:
    return session.exec(select(Agreement).where(Agreement.trajectory_id == trajectory_id)).first()


def write_agreement(session: Session, ctx: Ctx, data: AgreementWrite, if_match: str | None) -> Agreement:
    """Create or replace the agreement (the coach, the organisation's HR, admins; 403 for the client).
    Raises 412 on a stale ``If-Match``."""
    if ctx.role is Role.client:
        raise Forbidden("The client agrees through consent; the agreement is written by coach or HR.")
    values: dict[str, Any] = {"goals": data.goals, "shareable_items": sorted({i.value for i in data.shareable_items})}
    agreement = get_agreement(session, ctx.trajectory.id)
    if agreement is None:
        agreement = Agreement(trajectory_id=ctx.trajectory.id, **values)
        session.add(agreement)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError as exc:
            raise Conflict("The agreement was created at the same time; reload it.", slug="agreement-exists") from exc
        audit(session, ctx, AuditAction.create, "agreement", agreement.id)
    else:
        apply_changes(session, agreement, values, if_match)
        audit(session, ctx, AuditAction.update, "agreement", agreement.id)
        _narrow_consent(session, ctx, set(values["shareable_items"]))
    session.flush()
    return agreement


def _narrow_consent(session: Session, ctx: Ctx, shareable: set[str]) -> None:
    """When the agreement stops sharing an item the client had consented to, record a new consent version
    without it, so that sharing the item again later needs the client's consent again (a consent is for the
    agreement as it stood, never a blank cheque). The version has no ``given_by``: the system wrote it."""
    newest = session.exec(
        select(Consent).where(Consent.trajectory_id == ctx.trajectory.id).order_by(col(Consent.version).desc())
    ).first()
    if newest is None or set(newest.items) <= shareable:
        return
    narrowed = Consent(
        trajectory_id=ctx.trajectory.id,
        version=newest.version + 1,
        items=sorted(set(newest.items) & shareable),
        given_by=None,
    )
    session.add(narrowed)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict("Consent was changed at the same time; reload and try again.", slug="consent-conflict") from exc
    audit(session, ctx, AuditAction.consent, "consent", narrowed.id)


def consent_history(session: Session, trajectory_id: uuid.UUID) -> list[Consent]:
    """All consent versions, newest first."""
    return list(
        session.exec(
            select(Consent).where(Consent.trajectory_id == trajectory_id).order_by(col(Consent.version).desc())
        ).all()
    )


def give_consent(session: Session, ctx: Ctx, data: ConsentWrite) -> Consent:
    """Append a new consent version (client only): the items the organisation may see from now on.
    Withdrawal is a version with fewer items. Concurrent versions collide on the unique (trajectory,
    version) and answer 409."""
    require_client(ctx)
    agreement = get_agreement(session, ctx.trajectory.id)
    shareable = set(agreement.shareable_items) if agreement else set()
    if not {i.value for i in data.items} <= shareable:
        raise Unprocessable(
            "Consent can only be given for items the agreement lets the organisation see.", field="items"
        )
    current = session.exec(select(func.max(Consent.version)).where(Consent.trajectory_id == ctx.trajectory.id)).one()
    consent = Consent(
        trajectory_id=ctx.trajectory.id,
        version=int(current or 0) + 1,
        items=sorted({i.value for i in data.items}),
        given_by=ctx.principal.id,
    )
    session.add(consent)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict("Consent was changed at the same time; reload and try again.", slug="consent-conflict") from exc
    audit(session, ctx, AuditAction.consent, "consent", consent.id)
    session.flush()
    return consent


def consent_out(consent: Consent) -> ConsentPublic:
    return ConsentPublic.model_validate(consent)
