"""Organisations and memberships (a user's role in an organisation: ``hr`` or ``coach``)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from pydantic import Field as PField
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.schemas import Input, Name, OptName, Output, UTCTime
from koers.core.types import enum_type


class MembershipRole(enum.StrEnum):
    hr = "hr"
    coach = "coach"


class Organisation(SQLModel, table=True):
    __tablename__ = "organisations"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=200)
    chamber_of_commerce_number: str | None = Field(default=None, max_length=8, unique=True)
    sector: str | None = Field(default=None, max_length=200)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id", name="uq_memberships_organisation_user"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    role: MembershipRole = Field(sa_type=enum_type(MembershipRole, "membership_role"))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# Dutch chamber-of-commerce (KvK) numbers have exactly eight digits.
KvkNumber = PField(default=None, pattern=r"^[0-9]{8}$")


class OrganisationCreate(Input):
    name: Name
    chamber_of_commerce_number: str | None = KvkNumber
    sector: OptName | None = None


class OrganisationUpdate(Input):
    name: Name | None = None
    chamber_of_commerce_number: str | None = KvkNumber
    sector: OptName | None = None


class OrganisationPublic(Output):
    id: uuid.UUID
    name: str
    chamber_of_commerce_number: str | None
    sector: str | None
    version: int
    created_at: UTCTime
    updated_at: UTCTime


class MembershipCreate(Input):
    user_id: uuid.UUID
    role: MembershipRole


class MemberPublic(Output):
    user_id: uuid.UUID
    organisation_id: uuid.UUID
    role: MembershipRole
    email: str
    full_name: str
    is_active: bool
    created_at: UTCTime
