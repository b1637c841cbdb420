"""Property: random sequences of transition requests over HTTP never answer 5xx, follow the pure state
machine exactly, and keep the trajectory's invariants (closed ⇔ outcome and closed_at set)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.core.errors import ProblemError
from koers.trajectories.models import Outcome, Phase, TrajectoryStatus
from koers.trajectories.states import plan
from tests.trajectories.helpers import make_trajectory

requests = st.fixed_dictionaries(
    {},
    optional={
        "phase": st.sampled_from(list(Phase)),
        "status": st.sampled_from(list(TrajectoryStatus)),
        "outcome": st.sampled_from(list(Outcome)),
        "reason": st.sampled_from(["", "  ", "Hulpvraag veranderd"]),
    },
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(requests, min_size=1, max_size=6))
def test_random_transitions_follow_the_machine(client, f, steps):
    org = f.organisation()
    hr = f.hr(org)
    t = make_trajectory(f, org, f.coach(org))
    url = f"/api/v1/trajectories/{t.id}"
    phase, status, version = Phase.intake, TrajectoryStatus.proposed, 1
    for body in steps:
        try:
            plan(
                phase,
                status,
                to_phase=body.get("phase"),
                to_status=body.get("status"),
                outcome=body.get("outcome"),
                reason=(body.get("reason") or "").strip() or None,
            )
            expected = 200
        except ProblemError as exc:
            expected = exc.status
        r = client.post(
            f"{url}/transitions",
            json={k: v.value if hasattr(v, "value") else v for k, v in body.items()},
            headers=hr.headers,
        )
        assert r.status_code == expected, (phase, status, body, r.text)
        if r.status_code == 200:
            version += 1
            data = r.json()
            phase, status = Phase(data["phase"]), TrajectoryStatus(data["status"])
            assert (
                (status == TrajectoryStatus.closed) == (data["outcome"] is not None) == (data["closed_at"] is not None)
            )
        assert client.get(url, headers=hr.headers).json()["version"] == version
