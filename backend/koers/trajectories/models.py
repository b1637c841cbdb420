"""Trajectories (begeleidingstrajecten) and their event history.

Coaching types follow the seed's table 1.1; phases follow the five-question method (seed 1.2): intake,
self-analysis, market orientation (environment analysis), action, aftercare.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field as PField
from pydantic import model_validator
from sqlalchemy import Index, Numeric, text
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.schemas import CalendarDate, Input, Output, Text, UTCTime
from koers.core.types import enum_type


class CoachingType(enum.StrEnum):
    choice_guidance = "choice_guidance"
    competency_coaching = "competency_coaching"
    life_coaching = "life_coaching"
    career_counselling = "career_counselling"
    stress_coaching = "stress_coaching"
    youth_coaching = "youth_coaching"
    senior_coaching = "senior_coaching"


class Phase(enum.StrEnum):
    intake = "intake"
    self_analysis = "self_analysis"
    market_orientation = "market_orientation"
    action = "action"
    aftercare = "aftercare"


class TrajectoryStatus(enum.StrEnum):
    proposed = "proposed"
    active = "active"
    paused = "paused"
    closed = "closed"


class Outcome(enum.StrEnum):
    internal_move = "internal_move"
    external_placement = "external_placement"
    retained_in_role = "retained_in_role"
    education = "education"
    self_employed = "self_employed"
    retirement = "retirement"
    referred = "referred"
    other = "other"


OPEN_STATUSES = (TrajectoryStatus.proposed, TrajectoryStatus.active, TrajectoryStatus.paused)


class Trajectory(SQLModel, table=True):
    __tablename__ = "trajectories"
    __table_args__ = (
        # An employee has at most one open trajectory at a time.
        Index(
            "uq_trajectories_open_employee",
            "employee_id",
            unique=True,
            postgresql_where=text("status <> 'closed'"),
            sqlite_where=text("status <> 'closed'"),
        ),
        Index("ix_trajectories_org_created", "organisation_id", "created_at", "id"),
        Index("ix_trajectories_coach_created", "coach_id", "created_at", "id"),
        Index("ix_trajectories_issue_phase_status", "career_issue_id", "phase", "status"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    employee_id: uuid.UUID = Field(foreign_key="employees.id", ondelete="CASCADE")
    career_issue_id: uuid.UUID | None = Field(default=None, foreign_key="career_issues.id", ondelete="SET NULL")
    coach_id: uuid.UUID = Field(foreign_key="users.id", ondelete="RESTRICT")
    coaching_type: CoachingType = Field(sa_type=enum_type(CoachingType, "coaching_type"))
    phase: Phase = Field(default=Phase.intake, sa_type=enum_type(Phase, "trajectory_phase"))
    status: TrajectoryStatus = Field(
        default=TrajectoryStatus.proposed, sa_type=enum_type(TrajectoryStatus, "trajectory_status")
    )
    outcome: Outcome | None = Field(default=None, sa_type=enum_type(Outcome, "trajectory_outcome"))
    planned_hours: Decimal | None = Field(default=None, sa_type=Numeric(7, 2))
    start_date: date | None = None
    end_date: date | None = None
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EventField(enum.StrEnum):
    created = "created"
    phase = "phase"
    status = "status"
    outcome = "outcome"
    coach = "coach"
    coaching_type = "coaching_type"


class TrajectoryEvent(SQLModel, table=True):
    """One change to a trajectory: who, when, which field, from, to, why."""

    __tablename__ = "trajectory_events"
    __table_args__ = (Index("ix_trajectory_events_trajectory_time", "trajectory_id", "occurred_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    field: EventField = Field(sa_type=enum_type(EventField, "trajectory_event_field"))
    from_value: str | None = Field(default=None, max_length=100)
    to_value: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, max_length=2000)


Hours = Annotated[Decimal, PField(ge=0, le=10000, max_digits=7, decimal_places=2)]
# Planned dates in a plausible range (a typo like year 0202 is refused rather than stored).
PlanDate = CalendarDate


class TrajectoryCreate(Input):
    employee_id: uuid.UUID
    career_issue_id: uuid.UUID | None = None
    coach_id: uuid.UUID
    coaching_type: CoachingType
    planned_hours: Hours | None = None
    start_date: PlanDate | None = None
    end_date: PlanDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> TrajectoryCreate:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date must not be before start_date")
        return self


class TrajectoryUpdate(Input):
    """Fields editable outside the state machine. Phase, status and outcome change only by transition."""

    coach_id: uuid.UUID | None = None
    coaching_type: CoachingType | None = None
    career_issue_id: uuid.UUID | None = None
    planned_hours: Hours | None = None
    start_date: PlanDate | None = None
    end_date: PlanDate | None = None
    reason: Text | None = PField(default=None, max_length=2000)


class TransitionRequest(Input):
    phase: Phase | None = None
    status: TrajectoryStatus | None = None
    outcome: Outcome | None = None
    reason: Text | None = PField(default=None, max_length=2000)


class TrajectoryPublic(Output):
    """The always-visible facts of a trajectory (visible to HR, the coach and the client alike)."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    employee_id: uuid.UUID
    career_issue_id: uuid.UUID | None
    coach_id: uuid.UUID
    coaching_type: CoachingType
    phase: Phase
    status: TrajectoryStatus
    outcome: Outcome | None
    planned_hours: float | None
    start_date: date | None
    end_date: date | None
    closed_at: UTCTime | None
    version: int
    created_at: UTCTime
    updated_at: UTCTime


class TrajectoryEventPublic(Output):
    id: uuid.UUID
    trajectory_id: uuid.UUID
    actor_id: uuid.UUID | None
    occurred_at: UTCTime
    field: EventField
    from_value: str | None
    to_value: str | None
    reason: str | None


class TrajectoryClient(Output):
    """The client (the employee in the trajectory): the basic identity every viewer of the trajectory sees."""

    id: uuid.UUID
    employee_number: str
    given_name: str
    family_name_prefix: str | None
    family_name: str
    department: str | None


class TrajectoryCoach(Output):
    id: uuid.UUID
    full_name: str


class TrajectoryItem(TrajectoryPublic):
    """A trajectory with its client and coach, as lists and single reads return it."""

    client: TrajectoryClient
    coach: TrajectoryCoach


class TrajectoryEventItem(TrajectoryEventPublic):
    """An event with the actor's name (null when the actor's account was erased)."""

    actor_name: str | None
