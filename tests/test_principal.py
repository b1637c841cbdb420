"""``core.auth.get_principal``: the user, their memberships and client accounts in one statement."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, delete, select

from koers.coaching.models import ClientAccount
from koers.core.auth import get_principal
from koers.core.errors import Unauthorized
from koers.core.security import create_access_token
from koers.organisations.models import Membership, MembershipRole
from koers.users.models import User


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _principal(engine: Engine, user: User):  # type: ignore[no-untyped-def]
    token, _ = create_access_token(user.id)
    with Session(engine) as s, _statements(engine) as seen:
        principal = get_principal(s, token)
    return principal, seen


def test_roles_and_client_accounts_in_one_statement(f, engine):
    a, b, c = f.organisation(), f.organisation(), f.organisation()
    user = f.member(a, MembershipRole.hr)
    f.member(b, MembershipRole.coach, user)
    e1, e2 = f.employee(c), f.employee(c)
    f._save(ClientAccount(user_id=user.id, employee_id=e1.id), ClientAccount(user_id=user.id, employee_id=e2.id))

    principal, seen = _principal(engine, user)
    assert len(seen) == 1, seen
    assert principal.id == user.id and principal.user.email == user.email
    assert principal.roles == {a.id: MembershipRole.hr, b.id: MembershipRole.coach}
    assert principal.client_employee_ids == frozenset({e1.id, e2.id})
    assert principal.hr_orgs == {a.id} and principal.coach_orgs == {b.id}


def test_user_without_memberships(f, engine):
    user = f.user()
    principal, seen = _principal(engine, user)
    assert len(seen) == 1
    assert principal.roles == {} and principal.client_employee_ids == frozenset()


def test_membership_removal_and_deactivation_take_effect_at_once(f, engine):
    org = f.organisation()
    user = f.member(org, MembershipRole.hr)
    assert _principal(engine, user)[0].roles == {org.id: MembershipRole.hr}

    with Session(engine) as s:
        s.exec(delete(Membership).where(Membership.user_id == user.id))  # type: ignore[call-overload]
        s.commit()
    assert _principal(engine, user)[0].roles == {}

    with Session(engine) as s:
        row = s.exec(select(User).where(User.id == user.id)).one()
        row.is_active = False
        s.commit()
    with pytest.raises(Unauthorized):
        _principal(engine, user)

    with Session(engine) as s:
        s.delete(s.get(User, user.id))
        s.commit()
    with pytest.raises(Unauthorized):
        _principal(engine, user)
