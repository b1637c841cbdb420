"""Sessions and the action plan (goals and actions). The coach writes; what each role reads is redacted
field by field through ``koers.visibility``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from koers.coaching.dossier import check_instruments
from koers.coaching.models import Action, AuditAction, CoachingSession, Goal
from koers.coaching.schemas import (
    ActionCreate,
    ActionPublic,
    ActionUpdate,
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    SessionCreate,
    SessionPublic,
    SessionUpdate,
)
from koers.coaching.service import Ctx, audit, require_coach
from koers.core.concurrency import apply_changes
from koers.core.errors import NotFound
from koers.visibility import Item, Role, Shared, may_see, require

# --- sessions --------------------------------------------------------------------------------------


def _offset_name(value: datetime) -> str:
    offset = value.utcoffset() or timedelta(0)
    if not offset:
        return "Z"
    total = int(offset.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def zone_of(name: str) -> tzinfo:
    """An IANA zone or a fixed ``±HH:MM`` offset (``Z``/``UTC`` for UTC); validated on input."""
    if name in ("Z", "UTC"):
        return UTC
    if name[0] in "+-" and len(name) == 6:
        minutes = int(name[1:3]) * 60 + int(name[4:])
        return timezone(timedelta(minutes=minutes if name[0] == "+" else -minutes))
    return ZoneInfo(name)


def session_out(row: CoachingSession, role: Role, shared: Shared) -> SessionPublic:
    """A session redacted for ``role``: private notes only for the coach, the summary for coach and client
    and — with consent — the organisation, instruments for coach and client."""
    return SessionPublic(
        id=row.id,
        trajectory_id=row.trajectory_id,
        starts_at=row.starts_at,
        time_zone=row.time_zone,
        local_start=row.starts_at.astimezone(zone_of(row.time_zone)).isoformat(),
        duration_minutes=row.duration_minutes,
        mode=row.mode,
        private_notes=row.private_notes if may_see(role, Item.private_notes, shared) else None,
        summary=row.summary if may_see(role, Item.session_summary, shared) else None,
        instrument_ids=[uuid.UUID(i) for i in row.instrument_ids]
        if may_see(role, Item.session_instruments, shared)
        else None,
        version=row.version,
    )


def sessions(session: Session, trajectory_id: uuid.UUID) -> list[CoachingSession]:
    return list(
        session.exec(
            select(CoachingSession)
            .where(CoachingSession.trajectory_id == trajectory_id)
            .order_by(col(CoachingSession.starts_at), col(CoachingSession.id))
        ).all()
    )


def audit_session_read(session: Session, ctx: Ctx, rows: list[CoachingSession]) -> None:
    """Reading private notes or summaries is a read of confidential content: one entry per request."""
    if rows and (
        may_see(ctx.role, Item.private_notes, ctx.shared) or may_see(ctx.role, Item.session_summary, ctx.shared)
    ):
        audit(session, ctx, AuditAction.read, "coaching_session", rows[0].id if len(rows) == 1 else None)


def get_session(session: Session, ctx: Ctx, session_id: uuid.UUID) -> CoachingSession:
    row = session.get(CoachingSession, session_id)
    if row is None or row.trajectory_id != ctx.trajectory.id:
        raise NotFound("Session")
    require(ctx.role, Item.session_schedule, ctx.shared)
    return row


def create_session(session: Session, ctx: Ctx, data: SessionCreate) -> CoachingSession:
    """Record a session (coach only). ``starts_at`` is stored in UTC; ``time_zone`` defaults to the offset
    it was given with."""
    require_coach(ctx)
    values = data.model_dump()
    values["instrument_ids"] = check_instruments(session, ctx.trajectory.organisation_id, data.instrument_ids)
    values["time_zone"] = data.time_zone or _offset_name(data.starts_at)
    values["starts_at"] = data.starts_at.astimezone(UTC)
    row = CoachingSession(trajectory_id=ctx.trajectory.id, created_by=ctx.principal.id, **values)
    session.add(row)
    session.flush()
    audit(session, ctx, AuditAction.create, "coaching_session", row.id)
    session.flush()
    return row


def update_session(
    session: Session, ctx: Ctx, row: CoachingSession, data: SessionUpdate, if_match: str | None
) -> CoachingSession:
    """Partial update (coach only; 412 on a stale If-Match)."""
    require_coach(ctx)
    changes = data.model_dump(exclude_unset=True)
    for key in ("starts_at", "duration_minutes", "mode", "time_zone", "instrument_ids"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    if "instrument_ids" in changes:
        changes["instrument_ids"] = check_instruments(
            session, ctx.trajectory.organisation_id, data.instrument_ids or []
        )
    if "starts_at" in changes:
        if "time_zone" not in changes:
            changes["time_zone"] = _offset_name(changes["starts_at"])
        changes["starts_at"] = changes["starts_at"].astimezone(UTC)
    if changes:
        apply_changes(session, row, changes, if_match)
        audit(session, ctx, AuditAction.update, "coaching_session", row.id)
    session.flush()
    return row


def delete_session(session: Session, ctx: Ctx, row: CoachingSession) -> None:
    require_coach(ctx)
    audit(session, ctx, AuditAction.delete, "coaching_session", row.id)
    session.delete(row)
    session.flush()


# --- the action plan -------------------------------------------------------------------------------


def goals(session: Session, trajectory_id: uuid.UUID) -> list[GoalPublic]:
    """Goals with their actions, oldest first (two queries)."""
    goal_rows = session.exec(
        select(Goal).where(Goal.trajectory_id == trajectory_id).order_by(col(Goal.created_at), col(Goal.id))
    ).all()
    action_rows = session.exec(
        select(Action).where(Action.trajectory_id == trajectory_id).order_by(col(Action.created_at), col(Action.id))
    ).all()
    by_goal: dict[uuid.UUID, list[ActionPublic]] = {}
    for a in action_rows:
        by_goal.setdefault(a.goal_id, []).append(ActionPublic.model_validate(a))
    return [GoalPublic.model_validate(g).model_copy(update={"actions": by_goal.get(g.id, [])}) for g in goal_rows]


def read_goals(session: Session, ctx: Ctx) -> list[GoalPublic]:
    """The action plan, for the coach, the client and — with consent to goal progress — the organisation."""
    require(ctx.role, Item.action_plan, ctx.shared)
    if ctx.role in (Role.hr, Role.admin):
        audit(session, ctx, AuditAction.read, "action_plan")
    return goals(session, ctx.trajectory.id)


def get_goal(session: Session, ctx: Ctx, goal_id: uuid.UUID) -> Goal:
    require(ctx.role, Item.action_plan, ctx.shared)
    goal = session.get(Goal, goal_id)
    if goal is None or goal.trajectory_id != ctx.trajectory.id:
        raise NotFound("Goal")
    return goal


def create_goal(session: Session, ctx: Ctx, data: GoalCreate) -> Goal:
    require_coach(ctx)
    goal = Goal(trajectory_id=ctx.trajectory.id, **data.model_dump())
    session.add(goal)
    session.flush()
    audit(session, ctx, AuditAction.create, "goal", goal.id)
    return goal


def update_goal(session: Session, ctx: Ctx, goal: Goal, data: GoalUpdate, if_match: str | None) -> Goal:
    require_coach(ctx)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None or k == "description"}
    if changes:
        apply_changes(session, goal, changes, if_match)
        audit(session, ctx, AuditAction.update, "goal", goal.id)
    return goal


def delete_goal(session: Session, ctx: Ctx, goal: Goal) -> None:
    require_coach(ctx)
    audit(session, ctx, AuditAction.delete, "goal", goal.id)
    session.delete(goal)
    session.flush()


def get_action(session: Session, ctx: Ctx, action_id: uuid.UUID) -> Action:
    require(ctx.role, Item.action_plan, ctx.shared)
    action = session.get(Action, action_id)
    if action is None or action.trajectory_id != ctx.trajectory.id:
        raise NotFound("Action")
    return action


def create_action(session: Session, ctx: Ctx, goal: Goal, data: ActionCreate) -> Action:
    require_coach(ctx)
    action = Action(goal_id=goal.id, trajectory_id=ctx.trajectory.id, **data.model_dump())
    session.add(action)
    session.flush()
    audit(session, ctx, AuditAction.create, "action", action.id)
    return action


def update_action(session: Session, ctx: Ctx, action: Action, data: ActionUpdate, if_match: str | None) -> Action:
    """Coach: every field. Client: only the status of an action they own (403 otherwise)."""
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None or k == "due_date"}
    if ctx.role is Role.client:
        from koers.coaching.models import ActionOwner
        from koers.core.errors import Forbidden

        if action.owner != ActionOwner.client or set(changes) - {"status"}:
            raise Forbidden("The client may only update the status of their own actions.")
    else:
        require_coach(ctx)
    if changes:
        apply_changes(session, action, changes, if_match)
        audit(session, ctx, AuditAction.update, "action", action.id)
    return action


def delete_action(session: Session, ctx: Ctx, action: Action) -> None:
    require_coach(ctx)
    audit(session, ctx, AuditAction.delete, "action", action.id)
    session.delete(action)
    session.flush()
