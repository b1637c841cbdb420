"""Organisational career issues (seed, table 1.2): three families, nine kinds, and the affected employees."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field as PField
from pydantic import model_validator
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.errors import Unprocessable
from koers.core.schemas import CalendarDate, Input, Name, Output, Text, UTCTime
from koers.core.types import enum_type
from koers.employees.models import EmploymentStatus
from koers.trajectories.models import CoachingType, Hours, Outcome, Phase, TrajectoryStatus


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
    start_date: CalendarDate | None = None
    target_date: CalendarDate | None = None

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
    start_date: CalendarDate | None = None
    target_date: CalendarDate | None = None


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


# --- Affected employees (enrolment) -------------------------------------------------------------------------

MAX_BULK_IDS = 10000


class EnrolFilter(Input):
    """Select the organisation's employees to enrol by exact field values (all given fields must match)."""

    department: Name | None = None
    job_title: Name | None = None
    employment_status: EmploymentStatus | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> EnrolFilter:
        if self.department is None and self.job_title is None and self.employment_status is None:
            raise ValueError("the filter needs at least one of department, job_title, employment_status")
        return self


class EnrolRequest(Input):
    """Enrol employees in a career issue: exactly one of ``employee_ids`` or ``filter``."""

    employee_ids: Annotated[list[uuid.UUID], PField(min_length=1, max_length=MAX_BULK_IDS)] | None = None
    filter: EnrolFilter | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> EnrolRequest:
        if (self.employee_ids is None) == (self.filter is None):
            raise ValueError("give exactly one of employee_ids or filter")
        return self


class EnrolResult(Output):
    """``added``: newly enrolled; ``already``: selected but enrolled before (each employee counted once)."""

    added: int
    already: int


# --- Starting trajectories in bulk ----------------------------------------------------------------------------


class SkipReason(enum.StrEnum):
    not_affected = "not_affected"  # the employee is not in this career issue's scope (or does not exist)
    open_trajectory = "open_trajectory"  # the employee already has an open trajectory (at most one at a time)
    employment_left = "employment_left"  # employment_status is ``left``


class BulkStartRequest(Input):
    """Start trajectories for a career issue's affected employees (all of them unless ``employee_ids``)."""

    coaching_type: CoachingType
    planned_hours: Hours
    coach_ids: Annotated[list[uuid.UUID], PField(min_length=1, max_length=100)]
    employee_ids: Annotated[list[uuid.UUID], PField(min_length=1, max_length=MAX_BULK_IDS)] | None = None
    start_date: CalendarDate | None = None


class SkippedEmployee(Output):
    employee_id: uuid.UUID
    reason: SkipReason


class BulkStartResult(Output):
    started: int
    skipped: list[SkippedEmployee]


# --- Dashboard --------------------------------------------------------------------------------------------------


class ProgrammeFigures(Output):
    """The figures of a set of trajectories (a whole programme, or one coach's part of it).

    Every enum key is always present (0 when none) so charts stay stable. Days run from ``start_date``
    (or the creation date when none) to the UTC date of ``closed_at``. Hours are hours.
    """

    trajectories: int
    by_phase: dict[Phase, int]
    by_status: dict[TrajectoryStatus, int]
    outcomes: dict[Outcome, int]
    closed: int
    placement_rate: float | None = PField(
        description="(internal_move + external_placement) / closed trajectories; null when none is closed."
    )
    median_days_to_close: float | None
    median_days_to_close_by_outcome: dict[Outcome, float | None]
    planned_hours: float
    used_hours: float = PField(default=0.0, description="Sum of the sessions' durations / 60 (issue 5).")


class CoachFigures(ProgrammeFigures):
    coach_id: uuid.UUID
    coach_name: str


class CareerIssueDashboard(ProgrammeFigures):
    """A programme's dashboard: the programme's figures, its affected employees, and the figures per coach
    (coaches with at least one trajectory in the programme, by name)."""

    career_issue_id: uuid.UUID
    affected_employees: int
    per_coach: list[CoachFigures]


class MobilityMatrix(Output):
    """``counts[w-1][c-1]``: employees with mobility_willingness ``w`` and mobility_capacity ``c`` (1-5);
    ``unassessed``: employees missing either score; ``total``: all employees counted."""

    counts: list[list[int]]
    unassessed: int
    total: int
