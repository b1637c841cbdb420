"""The trajectory state machine: pure functions, no database.

Status (issue 2): ``proposed → active | closed``, ``active → paused | closed``, ``paused → active | closed``;
``closed`` is final. A trajectory can be paused (e.g. while the client is referred to a GP or psychologist,
seed ch. 4) and ended early from any open status.

Phase (seed 1.2, the five-question method after Campagne et al.): ``intake → self_analysis →
market_orientation → action → aftercare``. The phase changes only while the status is ``active``: forward
by exactly one step, or back to any earlier phase — going back needs a ``reason``.

Closing needs an ``outcome`` (what HR reports on); an ``outcome`` without closing is refused.

One request may change phase and status together. The order is chosen so that the phase always changes
while the trajectory is active:

* a status change *to* ``active`` (proposed → active, paused → active) is applied first, then the phase;
* any other status change (active → paused, active → closed, … → closed) is applied after the phase.

So ``{"status": "active", "phase": "self_analysis"}`` resumes a paused trajectory and moves it on, and
``{"phase": "aftercare", "status": "closed", "outcome": …}`` finishes the action phase and closes. A phase
change combined with a status change that never passes through ``active`` (e.g. proposed → closed) is a 409.

Every field in a request must be a move: asking for the current status or phase again is a 409 too.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.core.errors import Conflict, Unprocessable
from koers.trajectories.models import EventField, Outcome, Phase, TrajectoryStatus

S = TrajectoryStatus

STATUS_MOVES: dict[TrajectoryStatus, tuple[TrajectoryStatus, ...]] = {
    S.proposed: (S.active, S.closed),
    S.active: (S.paused, S.closed),
    S.paused: (S.active, S.closed),
    S.closed: (),
}

PHASE_ORDER: tuple[Phase, ...] = (
    Phase.intake,
    Phase.self_analysis,
    Phase.market_orientation,
    Phase.action,
    Phase.aftercare,
)


@dataclass(frozen=True)
class Change:
    """One field changed by a transition, in the order it is applied (and recorded as an event)."""

    field: EventField
    from_value: str | None
    to_value: str


def allowed_statuses(current: TrajectoryStatus) -> tuple[TrajectoryStatus, ...]:
    """The statuses ``current`` may move to (empty for ``closed``)."""
    return STATUS_MOVES[current]


def allowed_phases(current: Phase) -> tuple[Phase, ...]:
    """The phases ``current`` may move to while active: the next one, or any earlier one."""
    i = PHASE_ORDER.index(current)
    return PHASE_ORDER[i + 1 : i + 2] + PHASE_ORDER[:i]


def is_backward(current: Phase, target: Phase) -> bool:
    return PHASE_ORDER.index(target) < PHASE_ORDER.index(current)


def _names(values: tuple[TrajectoryStatus, ...] | tuple[Phase, ...]) -> str:
    return ", ".join(v.value for v in values) if values else "none"


def _illegal(field: str, current: str, target: str, allowed: list[str], detail: str) -> Conflict:
    return Conflict(
        detail,
        slug="illegal-transition",
        field=field,
        from_value=current,
        to_value=target,
        allowed=allowed,
    )


def check_status(current: TrajectoryStatus, target: TrajectoryStatus) -> None:
    """Raise 409 ``illegal-transition`` unless ``current → target`` is an allowed status move."""
    allowed = allowed_statuses(current)
    if target not in allowed:
        final = " A closed trajectory is final." if current == S.closed else ""
        raise _illegal(
            "status",
            current.value,
            target.value,
            [s.value for s in allowed],
            f"Status cannot move from '{current.value}' to '{target.value}'.{final} "
            f"Allowed from '{current.value}': {_names(allowed)}.",
        )


def check_phase(current: Phase, target: Phase, status: TrajectoryStatus, reason: str | None) -> None:
    """Raise 409 ``illegal-transition`` unless ``current → target`` is allowed while in ``status`` (the status
    at the moment the phase changes); raise 422 (field ``reason``) for a backward move without a reason."""
    if status != S.active:
        raise _illegal(
            "phase",
            current.value,
            target.value,
            [],
            f"Phase cannot move from '{current.value}' to '{target.value}': the phase changes only while the "
            f"trajectory is active, and it is '{status.value}'.",
        )
    allowed = allowed_phases(current)
    if target not in allowed:
        raise _illegal(
            "phase",
            current.value,
            target.value,
            [p.value for p in allowed],
            f"Phase cannot move from '{current.value}' to '{target.value}': forward by one step or back to an "
            f"earlier phase only. Allowed from '{current.value}': {_names(allowed)}.",
        )
    if is_backward(current, target) and not reason:
        raise Unprocessable(
            f"Going back from phase '{current.value}' to '{target.value}' needs a reason.", field="reason"
        )


def plan(
    phase: Phase,
    status: TrajectoryStatus,
    *,
    to_phase: Phase | None,
    to_status: TrajectoryStatus | None,
    outcome: Outcome | None,
    reason: str | None,
) -> list[Change]:
    """Validate a transition request against the current ``phase`` and ``status``.

    Returns the changes in the order they apply (see the module docstring): phase, status and — when
    closing — outcome. Raises 422 (``Unprocessable``) when neither phase nor status is asked for, when
    closing without an ``outcome`` (field ``outcome``), when an ``outcome`` is given without closing, or when
    a backward phase move has no ``reason``; raises 409 ``illegal-transition`` for any move the machine
    does not allow, naming from, to and the allowed moves.
    """
    if to_phase is None and to_status is None:
        raise Unprocessable("Give a new phase, a new status, or both.")
    if status == S.closed:
        target = to_status.value if to_status is not None else to_phase.value if to_phase is not None else ""
        raise _illegal(
            "status" if to_status is not None else "phase",
            status.value,
            target,
            [],
            f"Cannot move from '{status.value}' to '{target}': a closed trajectory is final and cannot change.",
        )
    closing = to_status == S.closed
    if closing and outcome is None:
        raise Unprocessable("Closing a trajectory needs an outcome.", field="outcome")
    if outcome is not None and not closing:
        raise Unprocessable("An outcome is given only when closing the trajectory.", field="outcome")

    changes: list[Change] = []
    if to_status is not None:
        check_status(status, to_status)
    status_first = to_status == S.active
    if to_status is not None and status_first:
        changes.append(Change(EventField.status, status.value, to_status.value))
    if to_phase is not None:
        check_phase(phase, to_phase, to_status if status_first and to_status else status, reason)
        changes.append(Change(EventField.phase, phase.value, to_phase.value))
    if to_status is not None and not status_first:
        changes.append(Change(EventField.status, status.value, to_status.value))
    if closing and outcome is not None:
        changes.append(Change(EventField.outcome, None, outcome.value))
    return changes
