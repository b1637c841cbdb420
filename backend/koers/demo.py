"""``koers demo``: fill an empty database with a living demo programme.

One fictional organisation generated here (Dutch names with particles via Faker's ``nl_NL`` locale,
departments, realistic ages, hire dates and FTEs, mobility scores), an admin, an HR user and three coaches,
a reorganisation career issue for one department, and trajectories spread over the phases with a plausible
event history and some closed outcomes. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from faker import Faker
from rich.console import Console
from sqlmodel import Session, func, select

from koers.career_issues.models import (
    CareerIssue,
    CareerIssueEmployee,
    CareerIssueFamily,
    CareerIssueKind,
    CareerIssueStatus,
)
from koers.coaching.models import CoachingSession, SessionMode
from koers.core.config import get_settings
from koers.core.db import get_engine
from koers.core.security import hash_password
from koers.employees.models import Employee, EmploymentStatus
from koers.employees.names import sort_key, split_particle
from koers.organisations.models import Membership, MembershipRole, Organisation
from koers.trajectories.models import (
    CoachingType,
    EventField,
    Outcome,
    Phase,
    Trajectory,
    TrajectoryEvent,
    TrajectoryStatus,
)
from koers.users.models import User

DEPARTMENTS: dict[str, list[str]] = {
    "Klantcontact": ["Klantcontactmedewerker", "Teamleider Klantcontact", "Kwaliteitsmedewerker", "Planner"],
    "Financiën": ["Controller", "Financieel adviseur", "Medewerker crediteuren", "Teamleider Financiën"],
    "ICT": ["Applicatiebeheerder", "Informatieanalist", "Servicedeskmedewerker", "Architect"],
    "Facilitair": ["Facilitair medewerker", "Receptionist", "Inkoper", "Conciërge"],
    "Communicatie": ["Communicatieadviseur", "Webredacteur", "Woordvoerder"],
    "Personeel & Organisatie": ["HR-adviseur", "Salarisadministrateur", "Recruiter"],
    "Ruimtelijke Ordening": ["Beleidsmedewerker", "Projectleider", "Vergunningverlener", "Jurist"],
}
REORGANISED = "Klantcontact"
PHASES = list(Phase)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Credential:
    role: str
    name: str
    email: str
    password: str


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def _password() -> str:
    return secrets.token_urlsafe(9)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def generate(session: Session, seed: int = 2026, employees: int = 140, today: date | None = None) -> list[Credential]:
    """Write the demo data into ``session`` (flushes; the caller commits). Returns the login credentials.

    Raises ``RuntimeError`` when the database already holds organisations or users (a demo only fills an
    empty database)."""
    if (
        session.exec(select(func.count()).select_from(Organisation)).one()
        or session.exec(select(func.count()).select_from(User)).one()
    ):
        raise RuntimeError("the database is not empty")
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    today = today or date.today()
    creds: list[Credential] = []

    def user(role: str, name: str, email: str, *, admin: bool = False) -> User:
        pw = _password()
        u = User(email=email, full_name=name, password_hash=hash_password(pw), is_admin=admin)
        session.add(u)
        creds.append(Credential(role, name, email, pw))
        return u

    admin = user("admin", "Beheerder Koers", "admin@koers.demo", admin=True)
    org = Organisation(name="Provincie Noordwaard", chamber_of_commerce_number="51234567", sector="Openbaar bestuur")
    session.add(org)
    hr = user("hr", "Sanne de Wit", "hr@noordwaard.demo")
    coaches = [
        user("coach", "Marieke van den Heuvel", "marieke@loopbaanpraktijk.demo"),
        user("coach", "Youssef El Amrani", "youssef@loopbaanpraktijk.demo"),
        user("coach", "Joost Verbeek", "joost@noordwaard.demo"),
    ]
    session.flush()
    session.add(Membership(organisation_id=org.id, user_id=hr.id, role=MembershipRole.hr))
    for c in coaches:
        session.add(Membership(organisation_id=org.id, user_id=c.id, role=MembershipRole.coach))

    people: list[Employee] = []
    departments = list(DEPARTMENTS)
    for i in range(employees):
        department = REORGANISED if i < 36 else rng.choice(departments[1:])
        born = date(rng.randint(1962, 2002), rng.randint(1, 12), rng.randint(1, 28))
        hired = date(min(today.year - 1, born.year + rng.randint(19, 40)), rng.randint(1, 12), rng.randint(1, 28))
        prefix, family = split_particle(fake.last_name())
        given = fake.first_name()
        assessed = rng.random() < 0.85
        status = EmploymentStatus.leaving if rng.random() < 0.04 else EmploymentStatus.active
        e = Employee(
            organisation_id=org.id,
            employee_number=f"{100200 + i * 7:07d}",
            given_name=given,
            family_name_prefix=prefix,
            family_name=family,
            sort_name=sort_key(family, given),
            email=f"{_slug(given)}.{_slug(family)}{i}@noordwaard.demo",
            date_of_birth=born,
            job_title=rng.choice(DEPARTMENTS[department]),
            department=department,
            hire_date=hired,
            employment_status=status,
            fte=Decimal(rng.choice(["1.00", "1.00", "0.89", "0.80", "0.67", "0.60", "0.50"])),
            mobility_willingness=rng.randint(1, 5) if assessed else None,
            mobility_capacity=rng.randint(1, 5) if assessed else None,
        )
        session.add(e)
        people.append(e)
    session.flush()

    start = today - timedelta(days=150)
    issue = CareerIssue(
        organisation_id=org.id,
        family=CareerIssueFamily.reorganisation,
        kind=CareerIssueKind.mobility_trajectory,
        title="Digitalisering Klantcontact 2026",
        description=(
            "Het klantcontactcentrum gaat over op digitale kanalen; een deel van de functies vervalt. "
            "Medewerkers krijgen begeleiding naar ander werk binnen of buiten de provincie."
        ),
        status=CareerIssueStatus.active,
        start_date=start,
        target_date=today + timedelta(days=210),
    )
    session.add(issue)
    session.flush()
    affected = [p for p in people if p.department == REORGANISED]
    for p in affected:
        session.add(CareerIssueEmployee(career_issue_id=issue.id, employee_id=p.id, added_at=_at(start, 9)))

    outcomes = (
        [Outcome.internal_move] * 4
        + [Outcome.external_placement] * 3
        + [
            Outcome.education,
            Outcome.retirement,
            Outcome.retained_in_role,
        ]
    )
    for n, p in enumerate(sorted(affected, key=lambda x: x.sort_name)[:30]):
        coach = coaches[n % 3]
        begin = start + timedelta(days=rng.randint(0, 40))
        t = Trajectory(
            organisation_id=org.id,
            employee_id=p.id,
            career_issue_id=issue.id,
            coach_id=coach.id,
            coaching_type=CoachingType.senior_coaching
            if p.date_of_birth and p.date_of_birth.year < 1971
            else rng.choice(
                [CoachingType.choice_guidance, CoachingType.competency_coaching, CoachingType.career_counselling]
            ),
            planned_hours=Decimal(rng.choice([12, 16, 20, 24])),
            start_date=begin,
            status=TrajectoryStatus.proposed,
            phase=Phase.intake,
            created_at=_at(begin, 9),
            updated_at=_at(begin, 9),
        )
        session.add(t)
        session.flush()
        events = [
            TrajectoryEvent(
                trajectory_id=t.id,
                actor_id=hr.id,
                occurred_at=_at(begin, 9),
                field=EventField.created,
                to_value="proposed",
            )
        ]
        if n >= 27:  # a few still proposed
            session.add_all(events)
            continue
        day = begin + timedelta(days=rng.randint(2, 7))
        events.append(
            TrajectoryEvent(
                trajectory_id=t.id,
                actor_id=coach.id,
                occurred_at=_at(day),
                field=EventField.status,
                from_value="proposed",
                to_value="active",
                reason="Kennismaking gehad, traject gestart",
            )
        )
        target_phase = min(n % 5 + (1 if n < 10 else 0), 4)
        for step in range(1, target_phase + 1):
            day += timedelta(days=rng.randint(10, 24))
            if day >= today:
                break
            events.append(
                TrajectoryEvent(
                    trajectory_id=t.id,
                    actor_id=coach.id,
                    occurred_at=_at(day, 14),
                    field=EventField.phase,
                    from_value=PHASES[step - 1].value,
                    to_value=PHASES[step].value,
                )
            )
            t.phase = PHASES[step]
        t.status = TrajectoryStatus.active
        if n < len(outcomes) and t.phase in (Phase.action, Phase.aftercare):
            day = min(today - timedelta(days=1), day + timedelta(days=rng.randint(5, 20)))
            outcome = outcomes[n]
            events.append(
                TrajectoryEvent(
                    trajectory_id=t.id,
                    actor_id=coach.id,
                    occurred_at=_at(day, 16),
                    field=EventField.status,
                    from_value="active",
                    to_value="closed",
                    reason="Traject afgerond",
                )
            )
            events.append(
                TrajectoryEvent(
                    trajectory_id=t.id,
                    actor_id=coach.id,
                    occurred_at=_at(day, 16),
                    field=EventField.outcome,
                    to_value=outcome.value,
                )
            )
            t.status, t.outcome, t.closed_at, t.end_date = TrajectoryStatus.closed, outcome, _at(day, 16), day
        elif n % 9 == 4:
            day += timedelta(days=3)
            events.append(
                TrajectoryEvent(
                    trajectory_id=t.id,
                    actor_id=coach.id,
                    occurred_at=_at(min(day, today), 11),
                    field=EventField.status,
                    from_value="active",
                    to_value="paused",
                    reason="Op verzoek van de cliënt even gepauzeerd",
                )
            )
            t.status = TrajectoryStatus.paused
        t.updated_at = events[-1].occurred_at
        session.add(t)
        session.add_all(events)
        # Sessions every ~2 weeks from the start: the hours used on the dashboard, the coach's agenda.
        first = begin + timedelta(days=rng.randint(3, 8))
        last = t.end_date or today - timedelta(days=1)
        for k in range(12):
            when = first + timedelta(days=14 * k + rng.randint(0, 3))
            if when > last:
                break
            session.add(
                CoachingSession(
                    trajectory_id=t.id,
                    starts_at=datetime.combine(when, time(9 + rng.randint(0, 7), 0), tzinfo=AMSTERDAM),
                    time_zone="Europe/Amsterdam",
                    duration_minutes=rng.choice([45, 60, 60, 75, 90]),
                    mode=rng.choice(list(SessionMode)),
                    private_notes=f"Werkaantekening {k + 1} (demo).",
                    summary=f"Gesprek {k + 1}: voortgang besproken en vervolgstappen afgesproken."
                    if k % 2 == 0
                    else None,
                    created_by=coach.id,
                )
            )
    session.flush()
    _ = admin
    return creds


def credentials_file() -> Path:
    return get_settings().data_dir / "demo-credentials.txt"


def credential_lines(creds: list[Credential]) -> str:
    return "\n".join(f"{c.role:6} {c.email:34} {c.password}" for c in creds) + "\n"


def print_credentials(creds: list[Credential], console: Console) -> None:
    """Plain lines (a table would cut passwords short on a narrow or non-terminal output)."""
    console.print("Koers demo logins (role, email, password):", highlight=False)
    console.print(credential_lines(creds), highlight=False, soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(seed: Annotated[int, typer.Option(help="Random seed (same seed, same people).")] = 2026) -> None:
        """Fill an EMPTY database with a demo organisation, users and a programme in motion, and print the
        logins (also kept in DATA_DIR/demo-credentials.txt, readable only by you). On a database that is not
        empty it changes nothing and prints the saved logins if there are any."""
        console = Console()
        path = credentials_file()
        with Session(get_engine(), expire_on_commit=False) as session:
            try:
                creds = generate(session, seed=seed)
            except RuntimeError:
                if path.exists():
                    console.print("The database already holds data; the demo logins are:")
                    console.print(path.read_text(encoding="utf-8"), highlight=False, soft_wrap=True, markup=False)
                else:
                    console.print("The database already holds data; `koers demo` only fills an empty database.")
                return
            session.commit()
        print_credentials(creds, console)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(credential_lines(creds), encoding="utf-8")
        console.print(f"(kept in {path}, readable only by you)", highlight=False)
