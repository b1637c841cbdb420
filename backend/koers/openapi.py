"""Write or check ``openapi/openapi.json``, the API contract the frontend client is generated from.

``python -m koers.openapi`` rewrites the file; ``--check`` exits 1 when it differs from the app's schema.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def render() -> str:
    from koers.main import app

    return json.dumps(app.openapi(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not PATH.exists() or PATH.read_text(encoding="utf-8") != text:
            print("openapi/openapi.json is out of date: run `uv run python -m koers.openapi`", file=sys.stderr)
            return 1
        return 0
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
