"""The benchmark data set: organisations, coaches, employees, one big programme, trajectories and events.

Scale 1.0 is 200 organisations, 1,000,000 employees (one organisation of 50,000 — the mobility-matrix and
list benchmarks use it), 200,000 trajectories with 10 events each (2,000,000 events), and one programme
(a reorganisation career issue) of 5,000 trajectories in the big organisation. Every count scales linearly.

PostgreSQL is loaded with ``COPY`` (psycopg 3 ``cursor.copy``), SQLite with ``executemany`` in large
transactions through SQLAlchemy Core (so its column types — 32-hex UUIDs, naive UTC times — are applied).
The data are deterministic for a given seed. Names are invented from ``bench.names``; ``sort_name`` is
computed with Koers's own ``koers.employees.names.sort_key``.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from typing import Any

from bench import names as words
from bench.writers import writer_for

CHUNK = 20_000
EVENTS_PER_TRAJECTORY = 10
SEARCH_TERM = "visser"  # a family name: about 1 in 85 employees carries it
HR_EMAIL = "hr@bench.koers.example"
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind a scale asks for (exact; the generator produces exactly these)."""

    scale: float
    organisations: int
    employees_per_org: tuple[int, ...]  # the first organisation is the big one
    trajectories_per_org: tuple[int, ...]
    coaches_per_org: tuple[int, ...]
    programme_trajectories: int
    programme_affected: int

    @property
    def employees(self) -> int:
        return sum(self.employees_per_org)

    @property
    def trajectories(self) -> int:
        return sum(self.trajectories_per_org)

    @property
    def events(self) -> int:
        return self.trajectories * EVENTS_PER_TRAJECTORY

    @property
    def coaches(self) -> int:
        return sum(self.coaches_per_org)


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def plan_for(scale: float) -> Plan:
    """The row counts for ``scale`` (1.0 = the issue's data set). Raises ``ValueError`` for scale <= 0."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    n_orgs = max(2, round(200 * scale))
    employees = max(n_orgs * 10, round(1_000_000 * scale))
    big = max(10, round(50_000 * scale))
    big = min(big, employees - (n_orgs - 1) * 5)
    per_org = [big, *_spread(employees - big, n_orgs - 1)]
    trajectories = max(2, round(200_000 * scale))
    programme = max(1, round(5_000 * scale))
    rate = trajectories / employees
    # The big organisation: its programme plus the organisation-wide rate; the rest spread by size.
    big_traj = min(big, max(programme, round(big * rate)))
    rest = trajectories - big_traj
    others = per_org[1:]
    other_total = sum(others)
    traj = [big_traj]
    assigned = 0
    for i, n in enumerate(others):
        share = rest - assigned if i == len(others) - 1 else min(n, round(rest * n / other_total))
        traj.append(min(n, share))
        assigned += traj[-1]
    coaches = [max(2, math.ceil(t / 400)) for t in traj]
    coaches[0] = max(coaches[0], max(2, round(25 * min(1.0, scale * 10))))
    affected = min(big, max(programme, round(programme * 1.2)))
    return Plan(
        scale=scale,
        organisations=n_orgs,
        employees_per_org=tuple(per_org),
        trajectories_per_org=tuple(traj),
        coaches_per_org=tuple(coaches),
        programme_trajectories=programme,
        programme_affected=affected,
    )


@dataclass
class Dataset:
    """What the benchmarks need to address the generated data."""

    scale: float
    seed: int
    big_organisation_id: str
    hr_user_id: str
    programme_id: str
    trajectory_id: str  # one trajectory of the programme (in the big organisation)
    department: str  # a department of the big organisation used for the filter benchmark
    search_term: str
    import_organisation_ids: list[str]  # empty organisations for the import benchmark
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


@lru_cache(maxsize=100_000)
def _sort_name(family: str, given: str) -> str:
    from koers.employees.names import sort_key

    return sort_key(family, given)


def _weighted(rng: random.Random, options: tuple[tuple[Any, int], ...]) -> Callable[[], Any]:
    values = [v for v, _ in options]
    cum: list[int] = []
    total = 0
    for _, w in options:
        total += w
        cum.append(total)
    import bisect

    return lambda: values[bisect.bisect_right(cum, rng.randrange(total))]


def generate(url: str, scale: float, seed: int = 20261130, log: Callable[[str], None] = print) -> Dataset:
    """Fill the (migrated, empty) database at ``url`` with the data set of ``scale``; returns its
    :class:`Dataset`. Takes about a minute per 1,000,000 employees on PostgreSQL on a 2-core machine."""
    started = time.perf_counter()
    plan = plan_for(scale)
    rng = random.Random(seed)
    new_id = _Ids(rng)
    w = writer_for(url)
    from koers.core.security import hash_password

    password_hash = hash_password(uuid.uuid4().hex)  # nobody logs in: the bench mints tokens

    org_ids = [new_id() for _ in range(plan.organisations)]
    import_orgs = [new_id() for _ in range(2)]
    org_rows = []
    for i, oid in enumerate(org_ids):
        name = f"{words.ORG_WORDS[i % len(words.ORG_WORDS)]} {words.ORG_KINDS[i % len(words.ORG_KINDS)]} {i + 1}"
        org_rows.append(
            (oid, name, f"{10_000_000 + i:08d}", words.SECTORS[i % len(words.SECTORS)], 1, BASE_TIME, BASE_TIME)
        )
    for j, oid in enumerate(import_orgs):
        org_rows.append((oid, f"Import Bench {j + 1}", None, None, 1, BASE_TIME, BASE_TIME))
    w.write(
        "organisations",
        ["id", "name", "chamber_of_commerce_number", "sector", "version", "created_at", "updated_at"],
        org_rows,
    )
    log(f"  organisations: {len(org_rows)}")

    # Users: one HR user of the big organisation (and of the import organisations), coaches per organisation.
    hr_id = new_id()
    user_rows = [(hr_id, HR_EMAIL, "Bench HR", password_hash, True, False, 1, BASE_TIME, BASE_TIME)]
    membership_rows = [(new_id(), org_ids[0], hr_id, "hr", BASE_TIME)]
    membership_rows += [(new_id(), oid, hr_id, "hr", BASE_TIME) for oid in import_orgs]
    coaches: list[list[uuid.UUID]] = []
    n = 0
    for oi, count in enumerate(plan.coaches_per_org):
        ids = []
        for _ in range(count):
            n += 1
            cid = new_id()
            given, family = rng.choice(words.GIVEN_NAMES), rng.choice(words.FAMILY_NAMES)
            user_rows.append(
                (
                    cid,
                    f"coach{n}@bench.koers.example",
                    f"{given} {family}",
                    password_hash,
                    True,
                    False,
                    1,
                    BASE_TIME,
                    BASE_TIME,
                )
            )
            membership_rows.append((new_id(), org_ids[oi], cid, "coach", BASE_TIME))
            ids.append(cid)
        coaches.append(ids)
    user_cols = [
        "id",
        "email",
        "full_name",
        "password_hash",
        "is_active",
        "is_admin",
        "version",
        "created_at",
        "updated_at",
    ]
    w.write("users", user_cols, user_rows)
    w.write("memberships", ["id", "organisation_id", "user_id", "role", "created_at"], membership_rows)
    log(f"  users: {len(user_rows)}, memberships: {len(membership_rows)}")

    # Career issues: the programme in the big organisation; one talent pool in every other organisation.
    programme_id = new_id()
    issue_ids = [programme_id] + [new_id() for _ in range(plan.organisations - 1)]
    issue_rows = []
    for oi, iid in enumerate(issue_ids):
        if oi == 0:
            family, kind, title = (
                "reorganisation",
                "forced_internal_mobility",
                "Reorganisatie Klantenservice en Operations",
            )
        else:
            family, kind, title = "growth", "talent_pool", "Kweekvijver jong talent"
        issue_rows.append(
            (
                iid,
                org_ids[oi],
                family,
                kind,
                title,
                None,
                "active",
                date(2024, 1, 15),
                date(2025, 12, 31),
                1,
                BASE_TIME,
                BASE_TIME,
            )
        )
    issue_cols = [
        "id",
        "organisation_id",
        "family",
        "kind",
        "title",
        "description",
        "status",
        "start_date",
        "target_date",
        "version",
        "created_at",
        "updated_at",
    ]
    w.write("career_issues", issue_cols, issue_rows)

    # Employees. Which employee indices of each organisation get a trajectory (and the programme) is drawn first.
    chosen: list[list[int]] = [
        rng.sample(range(n_emp), n_traj)
        for n_emp, n_traj in zip(plan.employees_per_org, plan.trajectories_per_org, strict=True)
    ]
    with_traj: list[dict[int, uuid.UUID]] = [dict.fromkeys(c, uuid.UUID(int=0)) for c in chosen]
    affected_idx = set(chosen[0][: plan.programme_trajectories])
    extra_affected = [i for i in range(plan.employees_per_org[0]) if i not in with_traj[0]]
    affected_idx.update(
        rng.sample(extra_affected, min(len(extra_affected), plan.programme_affected - len(affected_idx)))
    )
    affected_ids: list[uuid.UUID] = []

    particle = _weighted(rng, words.PARTICLES)
    statuses = _weighted(rng, (("active", 92), ("leaving", 3), ("left", 5)))
    ftes = (
        Decimal("1.00"),
        Decimal("0.89"),
        Decimal("0.80"),
        Decimal("0.60"),
        Decimal("0.50"),
        Decimal("0.90"),
        Decimal("0.70"),
    )
    big_departments = words.DEPARTMENTS
    emp_cols = [
        "id", "organisation_id", "employee_number", "given_name", "family_name_prefix", "family_name", "sort_name",
        "email", "date_of_birth", "job_title", "department", "hire_date", "employment_status", "fte",
        "mobility_willingness", "mobility_capacity", "version", "created_at", "updated_at",
    ]  # fmt: skip
    dob_base = date(1960, 1, 1).toordinal()

    def employees() -> Iterator[tuple[Any, ...]]:
        for oi, n_emp in enumerate(plan.employees_per_org):
            oid = org_ids[oi]
            slots = with_traj[oi]
            for i in range(n_emp):
                eid = new_id()
                if i in slots:
                    slots[i] = eid
                if oi == 0 and i in affected_idx:
                    affected_ids.append(eid)
                given = rng.choice(words.GIVEN_NAMES)
                family = rng.choice(words.FAMILY_NAMES)
                dob = dob_base + rng.randrange(16_000)
                hire = dob + 6_600 + rng.randrange(max(1, date(2024, 6, 30).toordinal() - dob - 6_600))
                created = BASE_TIME + timedelta(seconds=rng.randrange(30_000_000))
                yield (
                    eid, oid, f"{i + 1:07d}", given, particle(), family, _sort_name(family, given),
                    f"e{i + 1}@org{oi + 1}.bench.koers.example", date.fromordinal(dob),
                    rng.choice(words.JOB_TITLES), rng.choice(big_departments), date.fromordinal(hire), statuses(),
                    rng.choice(ftes),
                    None if rng.random() < 0.15 else rng.randint(1, 5),
                    None if rng.random() < 0.15 else rng.randint(1, 5),
                    1, created, created,
                )  # fmt: skip

    t0 = time.perf_counter()
    count = w.write("employees", emp_cols, employees())
    log(f"  employees: {count} ({time.perf_counter() - t0:.1f} s)")
    w.write(
        "career_issue_employees",
        ["career_issue_id", "employee_id", "added_at"],
        ((programme_id, eid, BASE_TIME) for eid in affected_ids),
    )

    # Trajectories (one per chosen employee, so "one open trajectory per employee" holds) and their events.
    phases = ("intake", "self_analysis", "market_orientation", "action", "aftercare")
    coaching_types = (
        "choice_guidance",
        "competency_coaching",
        "life_coaching",
        "career_counselling",
        "stress_coaching",
        "youth_coaching",
        "senior_coaching",
    )
    outcomes = (
        "internal_move",
        "external_placement",
        "retained_in_role",
        "education",
        "self_employed",
        "retirement",
        "referred",
        "other",
    )
    status_pick = _weighted(rng, (("closed", 30), ("active", 50), ("paused", 5), ("proposed", 15)))
    traj_cols = [
        "id", "organisation_id", "employee_id", "career_issue_id", "coach_id", "coaching_type", "phase", "status",
        "outcome", "planned_hours", "start_date", "end_date", "closed_at", "version", "created_at", "updated_at",
    ]  # fmt: skip
    event_cols = ["id", "trajectory_id", "actor_id", "occurred_at", "field", "from_value", "to_value", "reason"]
    events: list[tuple[Any, ...]] = []
    sample_trajectory: list[uuid.UUID] = []
    # Coaching sessions (hours used on the dashboard) for the programme's started trajectories.
    session_rows: list[tuple[Any, ...]] = []
    json_list: Any = "[]" if url.startswith("postgresql") else []

    def trajectories() -> Iterator[tuple[Any, ...]]:
        for oi, idxs in enumerate(chosen):
            org_coaches = coaches[oi]
            for k, idx in enumerate(idxs):
                tid = new_id()
                in_programme = oi == 0 and k < plan.programme_trajectories
                issue = programme_id if in_programme else (issue_ids[oi] if oi and rng.random() < 0.3 else None)
                coach = org_coaches[k % len(org_coaches)]
                status = status_pick()
                phase = phases[rng.randrange(5)] if status != "proposed" else "intake"
                created = BASE_TIME + timedelta(days=rng.randrange(500), seconds=rng.randrange(86_400))
                start = created.date() + timedelta(days=rng.randrange(14))
                outcome = closed_at = end = None
                if status == "closed":
                    outcome = outcomes[rng.randrange(8)]
                    closed_at = created + timedelta(days=30 + rng.randrange(300))
                    end = closed_at.date()
                if in_programme and not sample_trajectory:
                    sample_trajectory.append(tid)
                if in_programme and status != "proposed":
                    session_rows.extend(_sessions(rng, new_id, tid, coach, created, json_list))
                events.extend(_events(rng, new_id, tid, coach, created, phase, status, outcome, phases))
                yield (
                    tid, org_ids[oi], with_traj[oi][idx], issue, coach, coaching_types[rng.randrange(7)], phase,
                    status, outcome, Decimal(rng.choice((8, 12, 16, 20, 24, 32))), start, end, closed_at,
                    1, created, closed_at or created,
                )  # fmt: skip

    t0 = time.perf_counter()
    done = 0
    it = trajectories()
    while True:
        batch = [row for _, row in zip(range(CHUNK), it, strict=False)]
        if not batch:
            break
        done += w.write("trajectories", traj_cols, batch)
        w.write("trajectory_events", event_cols, events)
        events.clear()
    session_cols = ["id", "trajectory_id", "starts_at", "time_zone", "duration_minutes", "mode", "instrument_ids", "version", "created_by", "created_at", "updated_at"]  # fmt: skip
    w.write("coaching_sessions", session_cols, session_rows)
    log(f"  trajectories: {done}, events: {w.counts.get('trajectory_events', 0)} ({time.perf_counter() - t0:.1f} s)")

    t0 = time.perf_counter()
    w.finish()
    log(f"  VACUUM/ANALYZE ({time.perf_counter() - t0:.1f} s)")
    return Dataset(
        scale=scale,
        seed=seed,
        big_organisation_id=str(org_ids[0]),
        hr_user_id=str(hr_id),
        programme_id=str(programme_id),
        trajectory_id=str(sample_trajectory[0]),
        department="Klantenservice",
        search_term=SEARCH_TERM,
        import_organisation_ids=[str(o) for o in import_orgs],
        counts=dict(w.counts),
        seconds=round(time.perf_counter() - started, 1),
    )


def _sessions(
    rng: random.Random, new_id: Callable[[], uuid.UUID], tid: uuid.UUID, coach: uuid.UUID, start: datetime, empty: Any
) -> list[tuple[Any, ...]]:
    """One to six sessions of 45-90 minutes, a week or more apart (no notes: they are the coach's own)."""
    out = []
    at = start + timedelta(days=7)
    for _ in range(1 + rng.randrange(6)):
        mode = ("in_person", "video", "phone")[rng.randrange(3)]
        out.append(
            (new_id(), tid, at, "Europe/Amsterdam", (45, 60, 60, 90)[rng.randrange(4)], mode, empty, 1, coach, at, at)
        )
        at += timedelta(days=7 + rng.randrange(21))
    return out


def _events(
    rng: random.Random,
    new_id: Callable[[], uuid.UUID],
    tid: uuid.UUID,
    actor: uuid.UUID,
    start: datetime,
    phase: str,
    status: str,
    outcome: str | None,
    phases: tuple[str, ...],
) -> list[tuple[Any, ...]]:
    """Exactly ``EVENTS_PER_TRAJECTORY`` plausible events ending in the trajectory's current state."""
    steps: list[tuple[str, str | None, str | None]] = [("created", None, "proposed")]
    if status != "proposed":
        steps.append(("status", "proposed", "active"))
        steps += [("phase", a, b) for a, b in pairwise(phases[: phases.index(phase) + 1])]
    tail: list[tuple[str, str | None, str | None]] = []
    if status == "paused":
        tail.append(("status", "active", "paused"))
    elif status == "closed":
        tail = [("status", "active", "closed"), ("outcome", None, outcome)]
    # Pad with pause/resume pairs and coaching-type notes so every trajectory has the same history length.
    while len(steps) + len(tail) < EVENTS_PER_TRAJECTORY:
        room = EVENTS_PER_TRAJECTORY - len(steps) - len(tail)
        if room >= 2 and status != "proposed":
            steps += [("status", "active", "paused"), ("status", "paused", "active")]
        else:
            steps.append(("coaching_type", "choice_guidance", "competency_coaching"))
    steps = (steps + tail)[:EVENTS_PER_TRAJECTORY]
    out = []
    at = start
    for fld, old, new in steps:
        out.append((new_id(), tid, actor, at, fld, old, new, None))
        at += timedelta(days=1 + rng.randrange(20), seconds=rng.randrange(3600))
    return out
