"""The state machine as pure functions: every status pair, every phase pair, outcome and reason rules."""

from __future__ import annotations

import itertools

import pytest

from koers.core.errors import ProblemError
from koers.trajectories.models import EventField, Outcome, Phase, TrajectoryStatus
from koers.trajectories.states import PHASE_ORDER, plan

S = TrajectoryStatus
LEGAL_STATUS = {
    (S.proposed, S.active),
    (S.proposed, S.closed),
    (S.active, S.paused),
    (S.paused, S.active),
    (S.active, S.closed),
    (S.paused, S.closed),
}


def _plan(phase=Phase.intake, status=S.active, *, to_phase=None, to_status=None, outcome=None, reason=None):
    return plan(phase, status, to_phase=to_phase, to_status=to_status, outcome=outcome, reason=reason)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_every_status_pair(current, target):
    outcome = Outcome.internal_move if target == S.closed else None
    if (current, target) in LEGAL_STATUS:
        changes = _plan(status=current, to_status=target, outcome=outcome)
        assert changes[0].field == EventField.status
        assert (changes[0].from_value, changes[0].to_value) == (current.value, target.value)
        if target == S.closed:
            assert changes[1].field == EventField.outcome and changes[1].to_value == "internal_move"
    else:
        with pytest.raises(ProblemError) as err:
            _plan(status=current, to_status=target, outcome=outcome)
        assert err.value.status == 409
        assert err.value.slug == "illegal-transition"
        assert err.value.extra["from_value"] == current.value
        assert err.value.extra["to_value"] == target.value
        assert current.value in (err.value.detail or "") and target.value in (err.value.detail or "")


@pytest.mark.parametrize(("current", "target"), list(itertools.product(Phase, Phase)))
def test_every_phase_pair_while_active(current, target):
    i, j = PHASE_ORDER.index(current), PHASE_ORDER.index(target)
    if j == i + 1:
        assert [(c.field, c.to_value) for c in _plan(current, to_phase=target)] == [(EventField.phase, target.value)]
    elif j < i:
        with pytest.raises(ProblemError) as err:
            _plan(current, to_phase=target)
        assert err.value.status == 422 and err.value.errors[0]["loc"] == ["body", "reason"]
        changes = _plan(current, to_phase=target, reason="Nieuwe vraag")
        assert changes[0].from_value == current.value
    else:
        with pytest.raises(ProblemError) as err:
            _plan(current, to_phase=target, reason="x")
        assert err.value.status == 409 and err.value.slug == "illegal-transition"
        assert err.value.extra["allowed"] == [p.value for p in PHASE_ORDER[i + 1 : i + 2] + PHASE_ORDER[:i]]


@pytest.mark.parametrize("status", [S.proposed, S.paused, S.closed])
def test_phase_changes_only_while_active(status):
    with pytest.raises(ProblemError) as err:
        _plan(Phase.intake, status, to_phase=Phase.self_analysis)
    assert err.value.status == 409


def test_outcome_rules():
    with pytest.raises(ProblemError) as err:
        _plan(to_status=S.closed)
    assert err.value.status == 422 and err.value.errors[0]["loc"] == ["body", "outcome"]
    with pytest.raises(ProblemError) as err:
        _plan(to_status=S.paused, outcome=Outcome.other)
    assert err.value.status == 422 and err.value.errors[0]["loc"] == ["body", "outcome"]
    with pytest.raises(ProblemError) as err:
        _plan(Phase.intake, to_phase=Phase.self_analysis, outcome=Outcome.other)
    assert err.value.status == 422


def test_neither_phase_nor_status_is_422():
    with pytest.raises(ProblemError) as err:
        _plan(reason="why")
    assert err.value.status == 422


def test_combined_order():
    # Resuming applies the status first, then the phase.
    changes = _plan(Phase.intake, S.paused, to_status=S.active, to_phase=Phase.self_analysis)
    assert [c.field for c in changes] == [EventField.status, EventField.phase]
    changes = _plan(Phase.intake, S.proposed, to_status=S.active, to_phase=Phase.self_analysis)
    assert [c.field for c in changes] == [EventField.status, EventField.phase]
    # Leaving active applies the phase first (while still active), then the status.
    changes = _plan(Phase.action, S.active, to_status=S.closed, to_phase=Phase.aftercare, outcome=Outcome.education)
    assert [c.field for c in changes] == [EventField.phase, EventField.status, EventField.outcome]
    changes = _plan(Phase.action, S.active, to_status=S.paused, to_phase=Phase.aftercare)
    assert [c.field for c in changes] == [EventField.phase, EventField.status]
    # Never passes through active: refused.
    with pytest.raises(ProblemError) as err:
        _plan(Phase.intake, S.proposed, to_status=S.closed, to_phase=Phase.self_analysis, outcome=Outcome.other)
    assert err.value.status == 409


def test_closed_is_final():
    for kw in ({"to_status": S.active}, {"to_phase": Phase.self_analysis}):
        with pytest.raises(ProblemError) as err:
            _plan(Phase.intake, S.closed, **kw)
        assert err.value.status == 409 and "final" in (err.value.detail or "")
