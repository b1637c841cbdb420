"""The committed contract matches the app (regenerate with ``uv run python -m koers.openapi``)."""

from koers.openapi import PATH, render


def test_openapi_file_is_current():
    assert PATH.read_text(encoding="utf-8") == render(), "run `uv run python -m koers.openapi`"


def test_operation_ids_are_stable_and_unique():
    import json

    spec = json.loads(render())
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values() if "operationId" in op]
    assert len(ids) == len(set(ids))
    assert all("__" not in i for i in ids)
