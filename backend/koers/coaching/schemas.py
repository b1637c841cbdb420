"""Request and response bodies of the coaching API. Times are UTC ISO 8601 (``UTCTime``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AwareDatetime, model_validator
from pydantic import Field as PField

from koers.coaching.models import (
    ActionOwner,
    ActionStatus,
    AuditAction,
    CatalogueKind,
    GoalStatus,
    IntakeSection,
    ReferralDecision,
    ReferralTo,
    ReportStatus,
    SessionMode,
)
from koers.core.schemas import Input, Name, Output, Text, UTCTime
from koers.trajectories.models import TrajectoryPublic
from koers.visibility import ConsentItem, Role

InstrumentIds = Annotated[list[uuid.UUID], PField(max_length=50)]
Password = Annotated[str, PField(min_length=10, max_length=200)]


# --- client accounts -------------------------------------------------------------------------------


class ClientInvitationPublic(Output):
    """A one-time link for the client; the token is shown only here, once."""

    token: str
    url: str
    expires_at: UTCTime


class ClientInvitationAccept(Input):
    token: str = PField(min_length=10, max_length=200)
    password: Password
    full_name: Name | None = None


# --- intake ----------------------------------------------------------------------------------------


class IntakeEntryWrite(Input):
    text: Text | None = None
    instrument_ids: InstrumentIds = []


class IntakeEntryPublic(Output):
    section: IntakeSection
    text: str | None
    instrument_ids: list[uuid.UUID]
    version: int
    updated_at: UTCTime | None


# --- referral screening (seed ch. 4) ---------------------------------------------------------------


class ReferralScreeningCreate(Input):
    """Signals seen and the coach's decision. A referral (``decision = refer``) names to whom and when,
    and whether the trajectory pauses or closes (with outcome ``referred``)."""

    signals: Text
    decision: ReferralDecision
    referral_to: ReferralTo | None = None
    referral_date: date | None = None
    notes: Text | None = None
    trajectory_action: Annotated[str, PField(pattern="^(pause|close)$")] | None = None

    @model_validator(mode="after")
    def _referral_complete(self) -> ReferralScreeningCreate:
        if self.decision == ReferralDecision.refer:
            if self.referral_to is None:
                raise ValueError("referral_to is required when the decision is 'refer'")
            if self.trajectory_action is None:
                raise ValueError("trajectory_action (pause or close) is required when the decision is 'refer'")
        elif self.referral_to is not None or self.trajectory_action is not None:
            raise ValueError("referral_to and trajectory_action belong to a 'refer' decision only")
        return self


class ReferralScreeningPublic(Output):
    id: uuid.UUID
    signals: str
    decision: ReferralDecision
    referral_to: ReferralTo | None
    referral_date: date | None
    notes: str | None
    trajectory_action: str | None
    recorded_by: uuid.UUID | None
    created_at: UTCTime


# --- sessions --------------------------------------------------------------------------------------


def _check_zone(value: str) -> str:
    """An IANA zone name (``Europe/Amsterdam``) or a UTC offset (``+01:00``, ``Z``)."""
    if value in ("Z", "UTC"):
        return value
    if len(value) == 6 and value[0] in "+-" and value[3] == ":" and value[1:3].isdigit() and value[4:].isdigit():
        if int(value[1:3]) <= 14 and int(value[4:]) < 60:
            return value
        raise ValueError("offset out of range")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("unknown time zone; give an IANA name such as Europe/Amsterdam or an offset +01:00") from exc
    return value


def _check_session_time(value: datetime) -> datetime:
    """A session time in the years 1900..2100 (as given), the range Koers accepts for dates anywhere, so
    converting it to UTC or to any zone (±14 h) never leaves the calendar (year 1 or 9999 would overflow)."""
    if not (1900 <= value.year <= 2100):
        raise ValueError("must be between the years 1900 and 2100")
    return value


# The time zone offset must be given; the year must be in 1900..2100 (``_check_session_time``).
SessionTime = Annotated[AwareDatetime, AfterValidator(_check_session_time)]
Duration = Annotated[int, PField(ge=5, le=8 * 60, description="Minutes.")]
TimeZoneName = Annotated[
    str,
    PField(min_length=1, max_length=64, description="IANA name (Europe/Amsterdam) or UTC offset (+01:00)."),
    AfterValidator(_check_zone),
]


class SessionCreate(Input):
    """``starts_at`` must carry an offset (``2026-12-01T10:00:00+01:00``); ``time_zone`` is the IANA name it
    was agreed in (default: the given offset)."""

    starts_at: SessionTime
    time_zone: TimeZoneName | None = None
    duration_minutes: Duration
    mode: SessionMode
    private_notes: Text | None = None
    summary: Text | None = None
    instrument_ids: InstrumentIds = []


class SessionUpdate(Input):
    starts_at: SessionTime | None = None
    time_zone: TimeZoneName | None = None
    duration_minutes: Duration | None = None
    mode: SessionMode | None = None
    private_notes: Text | None = None
    summary: Text | None = None
    instrument_ids: InstrumentIds | None = None


class SessionPublic(Output):
    """A session as the caller may see it: fields the caller's role may not see are ``null``."""

    id: uuid.UUID
    trajectory_id: uuid.UUID
    starts_at: UTCTime
    time_zone: str
    local_start: str = PField(description="starts_at in its own time zone, ISO 8601 with offset.")
    duration_minutes: int
    mode: SessionMode
    private_notes: str | None = None
    summary: str | None = None
    instrument_ids: list[uuid.UUID] | None = None
    version: int


# --- action plan -----------------------------------------------------------------------------------

Progress = Annotated[int, PField(ge=0, le=100, description="Per cent.")]


class GoalCreate(Input):
    title: Name
    description: Text | None = None
    status: GoalStatus = GoalStatus.open
    progress: Progress = 0
    due_date: date | None = None


class GoalUpdate(Input):
    title: Name | None = None
    description: Text | None = None
    status: GoalStatus | None = None
    progress: Progress | None = None
    due_date: date | None = None


class ActionCreate(Input):
    title: Name
    owner: ActionOwner
    due_date: date | None = None
    status: ActionStatus = ActionStatus.open


class ActionUpdate(Input):
    title: Name | None = None
    owner: ActionOwner | None = None
    due_date: date | None = None
    status: ActionStatus | None = None


class ActionPublic(Output):
    id: uuid.UUID
    goal_id: uuid.UUID
    title: str
    owner: ActionOwner
    due_date: date | None
    status: ActionStatus
    version: int


class GoalPublic(Output):
    id: uuid.UUID
    trajectory_id: uuid.UUID
    title: str
    description: str | None
    status: GoalStatus
    progress: int
    due_date: date | None
    version: int
    actions: list[ActionPublic] = []


# --- catalogues ------------------------------------------------------------------------------------


class CatalogueItemCreate(Input):
    name: Name
    description: Text | None = PField(default=None, max_length=2000)


class CatalogueItemPublic(Output):
    id: uuid.UUID
    kind: CatalogueKind
    organisation_id: uuid.UUID | None
    name: str
    description: str | None


# --- agreement, consent, closing report -----------------------------------------------------------


class AgreementWrite(Input):
    goals: Text | None = None
    shareable_items: list[ConsentItem] = PField(
        default=[], max_length=3, description="Items the organisation may see once the client consents."
    )


class AgreementPublic(Output):
    trajectory_id: uuid.UUID
    goals: str | None
    planned_hours: float | None
    shareable_items: list[ConsentItem]
    version: int
    updated_at: UTCTime | None


class ConsentWrite(Input):
    """The complete set of items the client now agrees to share (an empty list withdraws everything)."""

    items: list[ConsentItem] = PField(default=[], max_length=3)


class ConsentPublic(Output):
    version: int
    items: list[ConsentItem]
    given_by: uuid.UUID | None
    given_at: UTCTime


class ClosingReportWrite(Input):
    body: Text = PField(min_length=1)


class ClosingReportReturn(Input):
    comment: Text = PField(min_length=1)


class ClosingReportPublic(Output):
    trajectory_id: uuid.UUID
    body: str
    status: ReportStatus
    client_comment: str | None
    submitted_at: UTCTime | None
    decided_at: UTCTime | None
    version: int


# --- the whole trajectory as one role sees it ------------------------------------------------------


class TrajectoryView(Output):
    """Everything about a trajectory that ``as_role`` may see (``koers.visibility``); hidden parts are
    ``null``. ``used_hours`` is the sum of the sessions' durations / 60."""

    as_role: Role
    trajectory: TrajectoryPublic
    used_hours: float
    agreement: AgreementPublic | None = None
    consent: ConsentPublic | None = None
    sessions: list[SessionPublic] = []
    goals: list[GoalPublic] | None = None
    closing_report: ClosingReportPublic | None = None
    intake: list[IntakeEntryPublic] | None = None
    referral_screenings: list[ReferralScreeningPublic] | None = None


# --- audit log -------------------------------------------------------------------------------------


class AuditEntryPublic(Output):
    id: uuid.UUID
    organisation_id: uuid.UUID
    trajectory_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    occurred_at: UTCTime
    action: AuditAction
    record_type: str
    record_id: uuid.UUID | None
