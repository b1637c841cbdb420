"""The coach's dossier: intake and the five questions (seed 1.2), referral screening (seed ch. 4), and the
catalogues the instruments refer to (seed appendices 1-3). Intake and screening are coach-only content
(``visibility.Item.intake`` / ``referral_screening``); every read and change is audited."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from koers.coaching.catalogue_seed import STARTER
from koers.coaching.models import (
    AuditAction,
    CatalogueItem,
    CatalogueKind,
    IntakeEntry,
    IntakeSection,
    ReferralDecision,
    ReferralScreening,
)
from koers.coaching.schemas import (
    CatalogueItemCreate,
    IntakeEntryPublic,
    IntakeEntryWrite,
    ReferralScreeningCreate,
    ReferralScreeningPublic,
)
from koers.coaching.service import Ctx, audit, require_coach
from koers.core.concurrency import apply_changes
from koers.core.errors import Conflict, Unprocessable
from koers.trajectories.models import Outcome, TrajectoryStatus, TransitionRequest
from koers.visibility import Item, require

# --- catalogues ------------------------------------------------------------------------------------


def ensure_starter_catalogue(session: Session) -> None:
    """Insert Koers's starter items once (first use). Concurrent first uses collide on ``starter_key`` and
    the loser simply finds them in place."""
    present = session.exec(select(CatalogueItem.id).where(col(CatalogueItem.starter_key).is_not(None))).first()
    if present is not None:
        return
    try:
        with session.begin_nested():
            session.add_all(
                CatalogueItem(kind=kind, starter_key=key, name=name, description=description)
                for kind, key, name, description in STARTER
            )
            session.flush()
    except IntegrityError:
        pass


def list_catalogue(
    session: Session, kind: CatalogueKind, organisation_ids: Iterable[uuid.UUID], *, all_orgs: bool = False
) -> list[CatalogueItem]:
    """The starter items of ``kind`` and those added by ``organisation_ids`` (every organisation's when
    ``all_orgs``), by name."""
    ensure_starter_catalogue(session)
    query = select(CatalogueItem).where(CatalogueItem.kind == kind)
    if not all_orgs:
        query = query.where(
            or_(
                col(CatalogueItem.organisation_id).is_(None),
                col(CatalogueItem.organisation_id).in_(list(organisation_ids)),
            )
        )
    return list(session.exec(query.order_by(col(CatalogueItem.name), col(CatalogueItem.id))).all())


def add_catalogue_item(
    session: Session, organisation_id: uuid.UUID, kind: CatalogueKind, data: CatalogueItemCreate
) -> CatalogueItem:
    """An organisation's own item (the caller checked HR of ``organisation_id``)."""
    item = CatalogueItem(kind=kind, organisation_id=organisation_id, name=data.name, description=data.description)
    session.add(item)
    session.flush()
    return item


def check_instruments(session: Session, organisation_id: uuid.UUID, ids: list[uuid.UUID]) -> list[str]:
    """Refuse (422 ``instrument_ids``) ids that are not starter items or this organisation's; return them as
    strings for storage. One query."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    found = set(
        session.exec(
            select(CatalogueItem.id).where(
                col(CatalogueItem.id).in_(unique),
                or_(
                    col(CatalogueItem.organisation_id).is_(None),
                    col(CatalogueItem.organisation_id) == organisation_id,
                ),
            )
        ).all()
    )
    if len(found) != len(unique):
        raise Unprocessable("Unknown instrument (catalogue item) for this organisation.", field="instrument_ids")
    return [str(i) for i in unique]


# --- intake ----------------------------------------------------------------------------------------


def _intake_out(section: IntakeSection, entry: IntakeEntry | None) -> IntakeEntryPublic:
    if entry is None:
        return IntakeEntryPublic(section=section, text=None, instrument_ids=[], version=0, updated_at=None)
    return IntakeEntryPublic(
        section=section,
        text=entry.text,
        instrument_ids=[uuid.UUID(i) for i in entry.instrument_ids],
        version=entry.version,
        updated_at=entry.updated_at,
    )


def intake_entries(session: Session, trajectory_id: uuid.UUID) -> list[IntakeEntryPublic]:
    """All nine sections in the method's order (intake questions, then the five questions); unwritten
    sections have ``text = null`` and ``version = 0``. Callers check ``Item.intake`` first."""
    rows = {e.section: e for e in session.exec(select(IntakeEntry).where(IntakeEntry.trajectory_id == trajectory_id))}
    return [_intake_out(s, rows.get(s)) for s in IntakeSection]


def read_intake(session: Session, ctx: Ctx) -> list[IntakeEntryPublic]:
    """The dossier for the coach (404 for every other role); the read is audited."""
    require(ctx.role, Item.intake, ctx.shared)
    audit(session, ctx, AuditAction.read, "intake")
    return intake_entries(session, ctx.trajectory.id)


def write_intake(
    session: Session, ctx: Ctx, section: IntakeSection, data: IntakeEntryWrite, if_match: str | None
) -> IntakeEntryPublic:
    """Create or replace one section's working text and instruments (coach only; 412 on a stale If-Match)."""
    require(ctx.role, Item.intake, ctx.shared)
    require_coach(ctx)
    instruments = check_instruments(session, ctx.trajectory.organisation_id, data.instrument_ids)
    entry = session.exec(
        select(IntakeEntry).where(IntakeEntry.trajectory_id == ctx.trajectory.id, IntakeEntry.section == section)
    ).first()
    values: dict[str, Any] = {"text": data.text, "instrument_ids": instruments, "updated_by": ctx.principal.id}
    if entry is None:
        entry = IntakeEntry(trajectory_id=ctx.trajectory.id, section=section, **values)
        session.add(entry)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError as exc:
            raise Conflict("The section was written at the same time; reload it.", slug="intake-conflict") from exc
        audit(session, ctx, AuditAction.create, "intake_entry", entry.id)
    else:
        apply_changes(session, entry, values, if_match)
        audit(session, ctx, AuditAction.update, "intake_entry", entry.id)
    session.flush()
    return _intake_out(section, entry)


# --- referral screening ----------------------------------------------------------------------------


def _screening_out(row: ReferralScreening) -> ReferralScreeningPublic:
    return ReferralScreeningPublic.model_validate(
        {**row.content, "id": row.id, "recorded_by": row.recorded_by, "created_at": row.created_at}
    )


def screenings(session: Session, trajectory_id: uuid.UUID) -> list[ReferralScreeningPublic]:
    rows = session.exec(
        select(ReferralScreening)
        .where(ReferralScreening.trajectory_id == trajectory_id)
        .order_by(col(ReferralScreening.created_at).desc(), col(ReferralScreening.id))
    ).all()
    return [_screening_out(r) for r in rows]


def read_screenings(session: Session, ctx: Ctx) -> list[ReferralScreeningPublic]:
    require(ctx.role, Item.referral_screening, ctx.shared)
    audit(session, ctx, AuditAction.read, "referral_screening")
    return screenings(session, ctx.trajectory.id)


def record_screening(session: Session, ctx: Ctx, data: ReferralScreeningCreate) -> ReferralScreeningPublic:
    """Record signals and the coach's decision (coach only). A referral pauses the trajectory or closes it
    with outcome ``referred`` through the trajectory state machine, so an event is recorded — without a
    reason: the event history is visible to HR, and a pause must not reveal that it is a referral. Raises 409 when the trajectory cannot
    make that move (e.g. it is already closed; nothing is recorded then)."""
    require(ctx.role, Item.referral_screening, ctx.shared)
    require_coach(ctx)
    content = data.model_dump(mode="json")
    row = ReferralScreening(trajectory_id=ctx.trajectory.id, content=content, recorded_by=ctx.principal.id)
    session.add(row)
    session.flush()
    audit(session, ctx, AuditAction.create, "referral_screening", row.id)
    if data.decision == ReferralDecision.refer:
        from koers.trajectories.service import transition

        if data.trajectory_action == "close":
            request = TransitionRequest(status=TrajectoryStatus.closed, outcome=Outcome.referred)
        else:
            request = TransitionRequest(status=TrajectoryStatus.paused)
        if request.status != ctx.trajectory.status:  # already paused: the referral is recorded, nothing moves
            transition(session, ctx.principal, ctx.trajectory, request, None)
    session.flush()
    return _screening_out(row)
