"""Employees of an organisation, as loaded from its HRIS (``employee_number`` is the natural key)."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import EmailStr, field_validator
from pydantic import Field as PField
from sqlalchemy import Index, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.schemas import Input, Name, OptName, Output, UTCTime
from koers.core.types import enum_type


class EmploymentStatus(enum.StrEnum):
    active = "active"
    leaving = "leaving"
    left = "left"


class Employee(SQLModel, table=True):
    __tablename__ = "employees"
    __table_args__ = (
        UniqueConstraint("organisation_id", "employee_number", name="uq_employees_organisation_number"),
        Index("ix_employees_org_sort", "organisation_id", "sort_name", "id"),
        Index("ix_employees_org_department_sort", "organisation_id", "department", "sort_name", "id"),
        Index("ix_employees_org_mobility", "organisation_id", "mobility_willingness", "mobility_capacity"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    employee_number: str = Field(max_length=64)
    given_name: str = Field(max_length=200)
    family_name_prefix: str | None = Field(default=None, max_length=40)
    family_name: str = Field(max_length=200)
    sort_name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=320)
    date_of_birth: date | None = None
    job_title: str | None = Field(default=None, max_length=200)
    department: str | None = Field(default=None, max_length=200)
    hire_date: date | None = None
    employment_status: EmploymentStatus = Field(
        default=EmploymentStatus.active, sa_type=enum_type(EmploymentStatus, "employment_status")
    )
    fte: Decimal | None = Field(default=None, sa_type=Numeric(4, 2))
    mobility_willingness: int | None = None
    mobility_capacity: int | None = None
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


EmployeeNumber = Annotated[str, PField(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f]+$")]
# Strict: JSON true/false or "3" is a 422, not a silently coerced score.
Scale = Annotated[int, PField(ge=1, le=5, strict=True)]
Fte = Annotated[Decimal, PField(ge=0, le=Decimal("1.5"), max_digits=4, decimal_places=2)]


class _EmployeeFields(Input):
    @field_validator("date_of_birth", "hire_date", check_fields=False)
    @classmethod
    def _plausible_date(cls, value: date | None) -> date | None:
        if value is not None and not (date(1900, 1, 1) <= value <= date(2100, 12, 31)):
            raise ValueError("date out of range 1900-01-01..2100-12-31")
        return value


class EmployeeCreate(_EmployeeFields):
    employee_number: EmployeeNumber
    given_name: Name
    family_name_prefix: OptName | None = PField(default=None, max_length=40)
    family_name: Name
    email: EmailStr | None = None
    date_of_birth: date | None = None
    job_title: OptName | None = None
    department: OptName | None = None
    hire_date: date | None = None
    employment_status: EmploymentStatus = EmploymentStatus.active
    fte: Fte | None = None
    mobility_willingness: Scale | None = None
    mobility_capacity: Scale | None = None


class EmployeeUpdate(_EmployeeFields):
    employee_number: EmployeeNumber | None = None
    given_name: Name | None = None
    family_name_prefix: OptName | None = PField(default=None, max_length=40)
    family_name: Name | None = None
    email: EmailStr | None = None
    date_of_birth: date | None = None
    job_title: OptName | None = None
    department: OptName | None = None
    hire_date: date | None = None
    employment_status: EmploymentStatus | None = None
    fte: Fte | None = None
    mobility_willingness: Scale | None = None
    mobility_capacity: Scale | None = None


class EmployeeBasic(Output):
    """What a coach may see of a client's profile: identity and current job, no HR details."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    employee_number: str
    given_name: str
    family_name_prefix: str | None
    family_name: str
    email: str | None
    job_title: str | None
    department: str | None


class EmployeePublic(EmployeeBasic):
    """The full employee record, for HR and admins."""

    date_of_birth: date | None
    hire_date: date | None
    employment_status: EmploymentStatus
    fte: float | None
    mobility_willingness: int | None
    mobility_capacity: int | None
    version: int
    created_at: UTCTime
    updated_at: UTCTime
