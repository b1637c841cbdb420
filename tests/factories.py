"""Test data factories and identities. Tokens are minted directly (no password round trip) unless a test
is about login itself."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from koers.core.security import create_access_token, hash_password
from koers.employees.models import Employee
from koers.employees.names import sort_key
from koers.organisations.models import Membership, MembershipRole, Organisation
from koers.users.models import User

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


@dataclass
class Identity:
    """A user with ready-made ``headers`` for the API."""

    user: User
    headers: dict[str, str]

    @property
    def id(self) -> uuid.UUID:
        return self.user.id


class Factory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _save(self, *objs: Any) -> None:
        with Session(self.engine, expire_on_commit=False) as s:
            for o in objs:
                s.add(o)
            s.commit()

    def organisation(self, name: str | None = None, **kw: Any) -> Organisation:
        org = Organisation(name=name or f"Organisatie {next(_seq)}", **kw)
        self._save(org)
        return org

    def user(self, *, admin: bool = False, email: str | None = None, active: bool = True, **kw: Any) -> User:
        n = next(_seq)
        user = User(
            email=email or f"user{n}-{uuid.uuid4().hex[:6]}@example.nl",
            full_name=kw.pop("full_name", f"Gebruiker {n}"),
            password_hash=hash_password(PASSWORD),
            is_admin=admin,
            is_active=active,
        )
        self._save(user)
        return user

    def member(self, org: Organisation, role: MembershipRole | str, user: User | None = None) -> User:
        user = user or self.user()
        self._save(Membership(organisation_id=org.id, user_id=user.id, role=MembershipRole(role)))
        return user

    @staticmethod
    def headers(user: User) -> dict[str, str]:
        token, _ = create_access_token(user.id)
        return {"Authorization": f"Bearer {token}"}

    def admin(self) -> Identity:
        u = self.user(admin=True)
        return Identity(u, self.headers(u))

    def hr(self, org: Organisation) -> Identity:
        u = self.member(org, MembershipRole.hr)
        return Identity(u, self.headers(u))

    def coach(self, *orgs: Organisation) -> Identity:
        u = self.user()
        for org in orgs:
            self.member(org, MembershipRole.coach, u)
        return Identity(u, self.headers(u))

    def employee(self, org: Organisation, **kw: Any) -> Employee:
        n = next(_seq)
        values: dict[str, Any] = {
            "employee_number": f"{n:06d}",
            "given_name": "Pieter",
            "family_name": f"Jansen{n}",
            "department": "Finance",
            "job_title": "Controller",
            "date_of_birth": date(1980, 5, 17),
            "hire_date": date(2010, 1, 1),
        }
        values.update(kw)
        e = Employee(organisation_id=org.id, sort_name=sort_key(values["family_name"], values["given_name"]), **values)
        self._save(e)
        return e
