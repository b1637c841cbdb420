"""Profile Koers under load with py-spy, against a database kept by ``python -m bench run --keep``.

Koers runs as in the benchmark (uvicorn, 2 workers); wrk loads one endpoint while ``py-spy record
--subprocesses`` samples every thread of every worker. The collapsed stacks are summed into the functions
with the largest inclusive share of samples, so the cost beyond the baseline's SQL can be attributed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from bench import load
from bench.datagen import Dataset
from bench.endpoints import deep_cursor, endpoints
from bench.run import _apply_env, koers_env

IDLE = ("wait (threading.py", "select (selectors.py", "_worker (concurrent", "run (uvloop", "serve (uvicorn")


def _summarise(raw: Path, top: int = 30) -> str:
    """Inclusive and self shares of the busiest frames in py-spy's collapsed-stack output."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        if any(frames[-1].startswith(idle) for idle in IDLE):
            continue  # a thread waiting for work is not cost
        n = int(count)
        total += n
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n
    lines = [f"busy samples: {total}", "", "inclusive share of busy samples:"]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in inclusive.most_common(top)] if total else []
    lines += ["", "self share:"]
    lines += [f"{n / total:6.1%}  {frame}" for frame, n in own.most_common(top)] if total else []
    return "\n".join(lines)


def profile(folder: Path, names: list[str], seconds: int, connections: int) -> dict[str, Any]:
    """Load each named endpoint for ``seconds`` at ``connections`` under py-spy; writes
    ``<folder>/profiles/<name>.txt`` (summary) and ``<name>.folded`` (collapsed stacks, for flame graphs)."""
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy is missing: uv sync --dev")
    result = json.loads((folder / "result.json").read_text())
    if result["db"] != "postgresql":
        raise SystemExit("profile needs a PostgreSQL run kept with --keep")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{result['database']}"
    data = Dataset(**{k: v for k, v in result["dataset"].items() if k in Dataset.__dataclass_fields__})
    page, cursor = deep_cursor(url, data)
    eps = {e.name: e for e in endpoints(data, page, cursor)}
    env = koers_env(url, folder / "data")
    _apply_env(env)
    from koers.core.security import create_access_token

    token, _ = create_access_token(uuid.UUID(data.hr_user_id))
    auth = {"Authorization": f"Bearer {token}"}
    out_dir = folder / "profiles"
    out_dir.mkdir(exist_ok=True)
    server = load.Server("koers", "koers.main:app", env, folder / "koers-profile.log")
    summary: dict[str, Any] = {}
    server.start()
    try:
        for name in names:
            ep = eps[name]
            raw = out_dir / f"{name}.folded"
            load.wrk(server.base + ep.path, connections, 3, auth)  # warm up: imports, pools, prepared statements
            assert server.proc is not None
            spy_proc = subprocess.Popen(
                [spy, "record", "--pid", str(server.proc.pid), "--subprocesses", "--duration", str(seconds + 1),
                 "--rate", "200", "--gil", "--format", "raw", "--output", str(raw), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            figures = load.wrk(server.base + ep.path, connections, seconds, auth)
            spy_proc.wait(timeout=seconds + 60)
            text = _summarise(raw) if raw.exists() else "py-spy wrote nothing"
            (out_dir / f"{name}.txt").write_text(f"{name}: {figures}\n\n{text}\n", encoding="utf-8")
            summary[name] = figures
            print(f"{name}: {figures['rps']} req/s; profile in {out_dir / (name + '.txt')}")
    finally:
        server.stop()
    return summary
