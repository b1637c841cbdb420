"""Property-based API fuzz (schemathesis) over every operation of the app's own OpenAPI schema.

Every operation is called with generated (valid and invalid) input as an admin and as an organisation's
HR, on a database holding a small organisation, so the fuzz reaches real rows as well as missing ones.
Checks: no 5xx, and every documented response matches its schema.
"""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from koers.main import app

schemathesis.experimental.OPEN_API_3_1.enable()
schema = schemathesis.from_asgi("/api/v1/openapi.json", app)

# Multipart uploads and the login form are covered by their own tests; everything else is fuzzed.
SKIP_OPERATIONS = {"create_token"}

MAX_EXAMPLES = 15


@pytest.fixture
def identities(f):
    org = f.organisation()
    admin = f.admin()
    hr = f.hr(org)
    coach = f.coach(org)
    e = f.employee(org)
    return {"admin": admin.headers, "hr": hr.headers, "coach": coach.headers, "_ids": (org.id, e.id)}


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_fuzz(case, identities, client):
    if case.operation.definition.raw.get("operationId") in SKIP_OPERATIONS:
        pytest.skip("covered by dedicated tests")
    for role in ("admin", "hr"):
        headers = {**(case.headers or {}), **identities[role]}
        response = case.call_asgi(headers=headers)
        case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))


def test_fuzz_covers_every_operation():
    ids = {op.ok().definition.raw.get("operationId") for op in schema.get_all_operations()}
    assert len(ids) >= 15
    assert None not in ids
    _ = uuid
