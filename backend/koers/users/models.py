"""Users, and the refresh tokens they hold. Roles come from memberships (``organisations.models``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import EmailStr, SecretStr
from pydantic import Field as PField
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.schemas import Input, Name, Output, UTCTime
from koers.organisations.models import MembershipRole


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    email: str = Field(max_length=320, unique=True)  # stored lower-case
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=300)
    is_active: bool = Field(default=True)
    is_admin: bool = Field(default=False)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RefreshToken(SQLModel, table=True):
    """A refresh token, stored only as its SHA-256 hash. Tokens of one login form a ``family``; reuse of a
    rotated token revokes the whole family (OAuth 2.0 Security BCP, RFC 9700 §4.14.2)."""

    __tablename__ = "refresh_tokens"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    family_id: uuid.UUID = Field(index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


Password = SecretStr


class UserCreate(Input):
    email: EmailStr = PField(max_length=320)
    full_name: Name
    password: Password = PField(min_length=10, max_length=200)
    is_admin: bool = False


class UserUpdate(Input):
    """Admins may change everything here; a user updating themselves only ``full_name`` and ``password``."""

    email: EmailStr | None = PField(default=None, max_length=320)
    full_name: Name | None = None
    password: Password | None = PField(default=None, min_length=10, max_length=200)
    # Required when users change their own password (proves it is them, not a borrowed session).
    current_password: Password | None = PField(default=None, max_length=200)
    is_active: bool | None = None


class UserPublic(Output):
    id: uuid.UUID
    email: str
    full_name: str
    is_active: bool
    is_admin: bool
    version: int
    created_at: UTCTime
    updated_at: UTCTime


class MembershipBrief(Output):
    organisation_id: uuid.UUID
    organisation_name: str
    role: MembershipRole


class Me(UserPublic):
    memberships: list[MembershipBrief]
    # Employees this user is the client of (a client login, issue 5); empty for staff.
    client_employee_ids: list[uuid.UUID] = []


class TokenPair(Output):
    """OAuth 2.0 token response (RFC 6749 §5.1); ``expires_in`` is the access token's life in seconds."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int
    refresh_token: str


class RefreshRequest(Input):
    refresh_token: str = PField(min_length=10, max_length=200)
