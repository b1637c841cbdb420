"""Organisational career issues (seed, table 1.2): three families, nine kinds, and the affected employees."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from pydantic import model_validator
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.errors import Unprocessable
from koers.core.schemas import Input, Name, Output, Text, UTCTime
from koers.core.types import enum_type


class CareerIssueFamily(enum.StrEnum):
    growth = "growth"  # groei/ontwikkeling
    mismatch = "mismatch"  # mismatch/vastlopen
    reorganisation = "reorganisation"  # reorganisatie/fusie


class CareerIssueKind(enum.StrEnum):
    talent_pool = "talent_pool"
    management_development = "management_development"
    talent_development = "talent_development"
    job_crafting = "job_crafting"
    problem_situation = "problem_situation"
    predictable_stagnation = "predictable_stagnation"
    complete_blockage = "complete_blockage"
    forced_internal_mobility = "forced_internal_mobility"
    mobility_trajectory = "mobility_trajectory"


# Seed, table 1.2: which kinds belong to which family.
KINDS_BY_FAMILY: dict[CareerIssueFamily, frozenset[CareerIssueKind]] = {
    CareerIssueFamily.growth: frozenset(
        {
            CareerIssueKind.talent_pool,
            CareerIssueKind.management_development,
            CareerIssueKind.talent_development,
            CareerIssueKind.job_crafting,
        }
    ),
    CareerIssueFamily.mismatch: frozenset(
        {
            CareerIssueKind.problem_situation,
            CareerIssueKind.predictable_stagnation,
            CareerIssueKind.complete_blockage,
        }
    ),
    CareerIssueFamily.reorganisation: frozenset(
        {CareerIssueKind.forced_internal_mobility, CareerIssueKind.mobility_trajectory}
    ),
}


def check_kind(family: CareerIssueFamily, kind: CareerIssueKind) -> None:
    """Raise ``Unprocessable`` (422) when ``kind`` is not one of ``family``'s kinds (seed, table 1.2)."""
    if kind not in KINDS_BY_FAMILY[family]:
        raise Unprocessable(
            f"Kind '{kind.value}' does not belong to family '{family.value}' (table 1.2).", field="kind"
        )


class CareerIssueStatus(enum.StrEnum):
    draft = "draft"
    active = "active"
    closed = "closed"


class CareerIssue(SQLModel, table=True):
    __tablename__ = "career_issues"
    __table_args__ = (Index("ix_career_issues_org_created", "organisation_id", "created_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    family: CareerIssueFamily = Field(sa_type=enum_type(CareerIssueFamily, "career_issue_family"))
    kind: CareerIssueKind = Field(sa_type=enum_type(CareerIssueKind, "career_issue_kind"))
    title: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=20000)
    status: CareerIssueStatus = Field(
        default=CareerIssueStatus.draft, sa_type=enum_type(CareerIssueStatus, "career_issue_status")
    )
    start_date: date | None = None
    target_date: date | None = None
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CareerIssueEmployee(SQLModel, table=True):
    """An employee affected by a career issue (its scope)."""

    __tablename__ = "career_issue_employees"
    __table_args__ = (Index("ix_career_issue_employees_employee", "employee_id"),)

    career_issue_id: uuid.UUID = Field(foreign_key="career_issues.id", primary_key=True, ondelete="CASCADE")
    employee_id: uuid.UUID = Field(foreign_key="employees.id", primary_key=True, ondelete="CASCADE")
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class _Dates(Input):
    @model_validator(mode="after")
    def _ordered(self) -> _Dates:
        start, target = getattr(self, "start_date", None), getattr(self, "target_date", None)
        if start and target and target < start:
            raise ValueError("target_date must not be before start_date")
        return self


class CareerIssueCreate(_Dates):
    organisation_id: uuid.UUID
    family: CareerIssueFamily
    kind: CareerIssueKind
    title: Name
    description: Text | None = None
    status: CareerIssueStatus = CareerIssueStatus.draft
    start_date: date | None = None
    target_date: date | None = None

    @model_validator(mode="after")
    def _kind_fits_family(self) -> CareerIssueCreate:
        check_kind(self.family, self.kind)
        return self


class CareerIssueUpdate(_Dates):
    family: CareerIssueFamily | None = None
    kind: CareerIssueKind | None = None
    title: Name | None = None
    description: Text | None = None
    status: CareerIssueStatus | None = None
    start_date: date | None = None
    target_date: date | None = None


class CareerIssuePublic(Output):
    id: uuid.UUID
    organisation_id: uuid.UUID
    family: CareerIssueFamily
    kind: CareerIssueKind
    title: str
    description: str | None
    status: CareerIssueStatus
    start_date: date | None
    target_date: date | None
    version: int
    created_at: UTCTime
    updated_at: UTCTime
