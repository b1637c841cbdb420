"""Inside a trajectory: client accounts, intake, referral screening, sessions, action plan, catalogues,
agreement and consent, closing report, and the audit log (issue 5; seed 1.2, ch. 3-4, appendices 1-3).

Confidential text (private notes, intake content, referral screening, summaries, goals, the closing report)
is stored encrypted (``core.crypto``); who may read which field is decided only in ``koers.visibility``.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from koers.core.crypto import EncryptedJSON, EncryptedText
from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.types import enum_type


class ClientAccount(SQLModel, table=True):
    """A user's login as a client: the employee (in a trajectory) whose data this is."""

    __tablename__ = "client_accounts"
    __table_args__ = (Index("ix_client_accounts_employee", "employee_id"),)

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    employee_id: uuid.UUID = Field(foreign_key="employees.id", primary_key=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ClientInvitation(SQLModel, table=True):
    """A one-time link for a client to create their login; only the token's SHA-256 hash is stored."""

    __tablename__ = "client_invitations"
    __table_args__ = (Index("ix_client_invitations_trajectory", "trajectory_id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    employee_id: uuid.UUID = Field(foreign_key="employees.id", ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")


class IntakeSection(enum.StrEnum):
    """The intake questions and the five questions of the dossier (seed 1.2, after Campagne et al.)."""

    why_here = "why_here"  # Why am I here? occasion and history
    how_here = "how_here"  # How am I here?
    setbacks = "setbacks"  # How do I deal with setbacks?
    meaning_of_work = "meaning_of_work"  # What does work mean to me?
    who_am_i = "who_am_i"
    what_do_i_want = "what_do_i_want"
    what_can_i_do = "what_can_i_do"
    where_do_i_find_it = "where_do_i_find_it"
    how_do_i_get_there = "how_do_i_get_there"


class IntakeEntry(SQLModel, table=True):
    """The coach's working text for one intake question or dossier section, and the instruments used."""

    __tablename__ = "intake_entries"
    __table_args__ = (UniqueConstraint("trajectory_id", "section", name="uq_intake_entries_trajectory_section"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    section: IntakeSection = Field(sa_type=enum_type(IntakeSection, "intake_section"))
    text: str | None = Field(default=None, sa_type=EncryptedText)
    instrument_ids: list[str] = Field(default_factory=list, sa_type=EncryptedJSON)
    version: int = Field(default=1)
    updated_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReferralDecision(enum.StrEnum):
    continue_ = "continue"
    continue_alongside_care = "continue_alongside_care"
    refer = "refer"


class ReferralTo(enum.StrEnum):
    gp = "gp"
    psychologist = "psychologist"
    company_doctor = "company_doctor"
    other = "other"


class ReferralScreening(SQLModel, table=True):
    """Signals of psychological problems beyond career coaching and the coach's decision (seed ch. 4).

    Everything but the ids and times is one encrypted document (``content``): signals, decision, to whom,
    when, and what happened to the trajectory — health data that must not show in a dump."""

    __tablename__ = "referral_screenings"
    __table_args__ = (Index("ix_referral_screenings_trajectory", "trajectory_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    content: dict[str, Any] = Field(sa_type=EncryptedJSON)
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SessionMode(enum.StrEnum):
    in_person = "in_person"
    video = "video"
    phone = "phone"


class CoachingSession(SQLModel, table=True):
    """One coaching session. ``starts_at`` is stored in UTC; ``time_zone`` keeps the IANA name or the UTC
    offset it was given in, so it can be shown as the coach and client agreed it."""

    __tablename__ = "coaching_sessions"
    __table_args__ = (Index("ix_coaching_sessions_trajectory_start", "trajectory_id", "starts_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    time_zone: str = Field(max_length=64)
    duration_minutes: int
    mode: SessionMode = Field(sa_type=enum_type(SessionMode, "session_mode"))
    private_notes: str | None = Field(default=None, sa_type=EncryptedText)
    summary: str | None = Field(default=None, sa_type=EncryptedText)
    instrument_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    version: int = Field(default=1)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GoalStatus(enum.StrEnum):
    open = "open"
    in_progress = "in_progress"
    achieved = "achieved"
    dropped = "dropped"


class Goal(SQLModel, table=True):
    """A goal of the action plan. ``progress`` is 0-100 (per cent)."""

    __tablename__ = "coaching_goals"
    __table_args__ = (Index("ix_coaching_goals_trajectory", "trajectory_id", "created_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    title: str = Field(sa_type=EncryptedText)
    description: str | None = Field(default=None, sa_type=EncryptedText)
    status: GoalStatus = Field(default=GoalStatus.open, sa_type=enum_type(GoalStatus, "goal_status"))
    progress: int = Field(default=0)
    due_date: date | None = None
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ActionOwner(enum.StrEnum):
    client = "client"
    coach = "coach"


class ActionStatus(enum.StrEnum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


class Action(SQLModel, table=True):
    """An action towards a goal: who does it (client or coach), by when, and its status."""

    __tablename__ = "coaching_actions"
    __table_args__ = (Index("ix_coaching_actions_goal", "goal_id", "created_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    goal_id: uuid.UUID = Field(foreign_key="coaching_goals.id", ondelete="CASCADE")
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    title: str = Field(sa_type=EncryptedText)
    owner: ActionOwner = Field(sa_type=enum_type(ActionOwner, "action_owner"))
    due_date: date | None = None
    status: ActionStatus = Field(default=ActionStatus.open, sa_type=enum_type(ActionStatus, "action_status"))
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CatalogueKind(enum.StrEnum):
    """The instrument lists (seed appendices 1-3)."""

    values = "values"
    limiting_beliefs = "limiting_beliefs"
    competencies = "competencies"


class CatalogueItem(SQLModel, table=True):
    """An item of a catalogue: Koers's starter set (``organisation_id`` NULL, ``starter_key`` set) or an
    organisation's own addition."""

    __tablename__ = "catalogue_items"
    __table_args__ = (Index("ix_catalogue_items_kind_org", "kind", "organisation_id", "name"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: CatalogueKind = Field(sa_type=enum_type(CatalogueKind, "catalogue_kind"))
    organisation_id: uuid.UUID | None = Field(default=None, foreign_key="organisations.id", ondelete="CASCADE")
    starter_key: str | None = Field(default=None, max_length=80, unique=True)
    name: str = Field(max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Agreement(SQLModel, table=True):
    """The agreement between client, coach and organisation: goals, and which items the organisation may
    see once the client consents (``shareable_items``: names of ``visibility.ConsentItem``)."""

    __tablename__ = "coaching_agreements"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", unique=True, ondelete="CASCADE")
    goals: str | None = Field(default=None, max_length=20000)
    shareable_items: list[str] = Field(default_factory=list, sa_type=JSON)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Consent(SQLModel, table=True):
    """One version of the client's consent (append-only): the items the organisation may see from
    ``given_at`` on. The newest version counts; withdrawing is a new version with fewer items."""

    __tablename__ = "coaching_consents"
    __table_args__ = (UniqueConstraint("trajectory_id", "version", name="uq_coaching_consents_trajectory_version"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", ondelete="CASCADE")
    version: int
    items: list[str] = Field(default_factory=list, sa_type=JSON)
    given_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    given_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReportStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"  # waiting for the client's approval
    approved = "approved"
    returned = "returned"  # the client asked for changes


class ClosingReport(SQLModel, table=True):
    """The closing report (eindrapportage): drafted by the coach, approved or returned by the client."""

    __tablename__ = "closing_reports"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    trajectory_id: uuid.UUID = Field(foreign_key="trajectories.id", unique=True, ondelete="CASCADE")
    body: str = Field(sa_type=EncryptedText)
    status: ReportStatus = Field(default=ReportStatus.draft, sa_type=enum_type(ReportStatus, "report_status"))
    client_comment: str | None = Field(default=None, sa_type=EncryptedText)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditAction(enum.StrEnum):
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    approve = "approve"
    return_ = "return"
    consent = "consent"
    invite = "invite"


class AuditEntry(SQLModel, table=True):
    """Who did what to which record, when — ids only, never content."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_org_time", "organisation_id", "occurred_at", "id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    trajectory_id: uuid.UUID | None = Field(default=None, foreign_key="trajectories.id", ondelete="SET NULL")
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    action: AuditAction = Field(sa_type=enum_type(AuditAction, "audit_action"))
    record_type: str = Field(max_length=40)
    record_id: uuid.UUID | None = None
