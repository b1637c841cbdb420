"""User accounts, login and refresh-token rotation. Services flush; the request's session commits."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from koers.core.auth import Principal
from koers.core.concurrency import apply_changes
from koers.core.config import get_settings
from koers.core.db import utcnow
from koers.core.errors import Conflict, NotFound, Unauthorized
from koers.core.security import (
    create_access_token,
    hash_password,
    hash_token,
    new_refresh_token,
    verify_password,
)
from koers.organisations.models import Membership, Organisation
from koers.users.models import (
    Me,
    MembershipBrief,
    RefreshToken,
    TokenPair,
    User,
    UserCreate,
    UserPublic,
    UserUpdate,
)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def create_user(session: Session, data: UserCreate) -> User:
    """Create a user. Raises 409 when the email is taken."""
    email = normalise_email(str(data.email))
    if get_by_email(session, email) is not None:
        raise Conflict("A user with this email already exists.", slug="duplicate-email")
    user = User(
        email=email,
        full_name=data.full_name,
        password_hash=hash_password(data.password.get_secret_value()),
        is_admin=data.is_admin,
    )
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict("A user with this email already exists.", slug="duplicate-email") from exc
    return user


def visible_user(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    """A user the principal may see: themselves, anyone for admins, and for HR the members of their
    organisations. Anything else is 404."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("User")
    if principal.is_admin or user.id == principal.id:
        return user
    if principal.hr_orgs:
        shared = session.exec(
            select(Membership.id).where(
                Membership.user_id == user_id,
                Membership.organisation_id.in_(principal.hr_orgs),  # type: ignore[attr-defined]
            )
        ).first()
        if shared is not None:
            return user
    raise NotFound("User")


def update_user(session: Session, principal: Principal, user: User, data: UserUpdate, if_match: str | None) -> User:
    """Apply ``data``. Only admins change ``email`` and ``is_active`` (and not their own ``is_active``);
    others may change only their own name and password. Deactivation revokes all refresh tokens."""
    from koers.core.errors import Forbidden, Unprocessable

    fields = data.model_dump(exclude_unset=True)
    if not principal.is_admin:
        if user.id != principal.id:
            raise NotFound("User")
        if set(fields) - {"full_name", "password", "current_password"}:
            raise Forbidden("You may change only your own name and password.")
    current = fields.pop("current_password", None)
    if "password" in fields and user.id == principal.id:
        ok, _ = verify_password(current.get_secret_value() if current else "", user.password_hash)
        if not ok:
            raise Unprocessable("Give your current password to set a new one.", field="current_password")
    if fields.get("is_active") is False and user.id == principal.id:
        raise Unprocessable("You cannot deactivate yourself.", field="is_active")
    changes: dict[str, object] = {}
    for key, value in fields.items():
        if value is None:
            raise Unprocessable(f"'{key}' cannot be null.", field=key)
        if key == "password":
            changes["password_hash"] = hash_password(data.password.get_secret_value())  # type: ignore[union-attr]
        elif key == "email":
            email = normalise_email(str(value))
            other = get_by_email(session, email)
            if other is not None and other.id != user.id:
                raise Conflict("A user with this email already exists.", slug="duplicate-email")
            changes["email"] = email
        else:
            changes[key] = value
    if changes:
        apply_changes(session, user, changes, if_match)
    if changes.get("is_active") is False or "password_hash" in changes:
        revoke_all_refresh_tokens(session, user.id)
    return user


def me(session: Session, principal: Principal) -> Me:
    rows = session.exec(
        select(Membership, Organisation.name)
        .join(Organisation, Organisation.id == Membership.organisation_id)  # type: ignore[arg-type]
        .where(Membership.user_id == principal.id)
        .order_by(Organisation.name)
    ).all()
    return Me(
        **UserPublic.model_validate(principal.user).model_dump(),
        client_employee_ids=sorted(principal.client_employee_ids, key=str),
        memberships=[
            MembershipBrief(organisation_id=m.organisation_id, organisation_name=name, role=m.role) for m, name in rows
        ],
    )


# --- login and tokens -------------------------------------------------------------------------------


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or ``None`` (same timing either way). Rehashes the
    password when the stored hash uses outdated Argon2 parameters."""
    user = get_by_email(session, email)
    ok, new_hash = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active:
        return None
    if new_hash:
        user.password_hash = new_hash
        session.add(user)
    return user


def issue_tokens(session: Session, user: User, family_id: uuid.UUID | None = None) -> TokenPair:
    """A new access token and a new refresh token (of ``family_id``, or of a new family at login)."""
    access, lifetime = create_access_token(user.id)
    refresh, digest = new_refresh_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id or uuid.uuid4(),
            token_hash=digest,
            expires_at=utcnow() + timedelta(days=get_settings().refresh_token_days),
        )
    )
    session.flush()
    return TokenPair(access_token=access, expires_in=lifetime, refresh_token=refresh)


def rotate_refresh_token(session: Session, token: str) -> TokenPair:
    """Exchange a refresh token for a new pair; the old one is used up.

    Raises 401 when the token is unknown, expired, revoked, or its user is inactive. Presenting a token
    that was already used revokes its whole family (RFC 9700 §4.14.2: refresh token reuse detection).
    """
    now = utcnow()
    stored = session.exec(select(RefreshToken).where(RefreshToken.token_hash == hash_token(token))).first()
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise Unauthorized("The refresh token is invalid or expired.")
    if stored.used_at is not None:
        session.execute(
            update(RefreshToken).where(RefreshToken.family_id == stored.family_id).values(revoked_at=now)  # type: ignore[arg-type]
        )
        # Commit the revocation even though the request fails.
        session.commit()
        raise Unauthorized("The refresh token was already used; the session has been revoked.")
    user = session.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("The refresh token is invalid or expired.")
    claimed = session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.used_at.is_(None))  # type: ignore[union-attr,arg-type]
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Unauthorized("The refresh token was already used.")
    return issue_tokens(session, user, stored.family_id)


def revoke_refresh_token(session: Session, token: str) -> None:
    """Log out: revoke the token's whole family (idempotent; unknown tokens are ignored)."""
    stored = session.exec(select(RefreshToken).where(RefreshToken.token_hash == hash_token(token))).first()
    if stored is not None:
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == stored.family_id, RefreshToken.revoked_at.is_(None))  # type: ignore[union-attr,arg-type]
            .values(revoked_at=utcnow())
        )


def revoke_all_refresh_tokens(session: Session, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))  # type: ignore[union-attr,arg-type]
        .values(revoked_at=utcnow())
    )
