"""Every operation of the published API requires a valid bearer token, except the named public ones."""

from __future__ import annotations

import re
import uuid

PUBLIC = {"health", "health_ready", "create_token", "refresh_token", "logout", "accept_client_invitation"}


def test_every_non_public_operation_answers_401_without_a_token(client):
    spec = client.get("/api/v1/openapi.json").json()
    seen: set[str] = set()
    for path, operations in spec["paths"].items():
        url = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)
        for method, operation in operations.items():
            seen.add(operation["operationId"])
            if operation["operationId"] in PUBLIC:
                continue
            r = client.request(method.upper(), url, json={})
            assert r.status_code == 401, (operation["operationId"], r.status_code)
            assert r.headers["WWW-Authenticate"] == "Bearer"
            assert r.headers["content-type"] == "application/problem+json"
    assert seen >= PUBLIC
    assert len(seen - PUBLIC) >= 50
