"""Imports every table model so ``metadata`` is complete (Alembic autogenerate, tests)."""

from koers.career_issues.models import CareerIssue, CareerIssueEmployee
from koers.coaching.models import (
    Action,
    Agreement,
    AuditEntry,
    CatalogueItem,
    ClientAccount,
    ClientInvitation,
    ClosingReport,
    CoachingSession,
    Consent,
    Goal,
    IntakeEntry,
    ReferralScreening,
)
from koers.core.db import metadata
from koers.employees.models import Employee
from koers.imports.models import EmployeeImport
from koers.organisations.models import Membership, Organisation
from koers.trajectories.models import Trajectory, TrajectoryEvent
from koers.users.models import RefreshToken, User

__all__ = [
    "Action",
    "Agreement",
    "AuditEntry",
    "CareerIssue",
    "CareerIssueEmployee",
    "CatalogueItem",
    "ClientAccount",
    "ClientInvitation",
    "ClosingReport",
    "CoachingSession",
    "Consent",
    "Employee",
    "EmployeeImport",
    "Goal",
    "IntakeEntry",
    "Membership",
    "Organisation",
    "ReferralScreening",
    "RefreshToken",
    "Trajectory",
    "TrajectoryEvent",
    "User",
    "metadata",
]
