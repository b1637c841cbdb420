"""One benchmark run at one scale: fresh database → data set → statement counts and plans → Koers and the
baseline under wrk → employee imports → JSON. ``bench.report`` turns runs into tables and target checks."""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import database, datagen, imports, load
from bench.endpoints import deep_cursor, endpoints, route_exists, shape, shape_diff


@dataclass
class Options:
    scale: float
    db: str  # postgresql | sqlite
    duration: int
    connections: list[int]
    out: Path  # this scale's results folder
    keep: bool = False
    server: str = database.DEFAULT_SERVER
    skip_imports: bool = False
    import_rows: list[int] | None = None  # default: 100,000 and 1,000,000 times the scale
    warmup: int = 2


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def koers_env(db_url: str, data_dir: Path) -> dict[str, str]:
    """Koers's environment as in production (fresh secrets), with the import worker off for read runs."""
    from cryptography.fernet import Fernet

    return {
        "KOERS_ENV": "production",
        "DATABASE_URL": db_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "IMPORT_WORKER": "false",
        "ACCESS_TOKEN_MINUTES": "1440",  # one token lasts the whole run
        "DATA_DIR": str(data_dir),
        "LOG_LEVEL": "INFO",
    }


def _apply_env(env: dict[str, str]) -> None:
    """Make this process see Koers's environment (the token must be signed with the server's key)."""
    os.environ.update(env)
    os.environ.pop("REDIS_URL", None)
    from koers.core.config import get_settings

    get_settings.cache_clear()


def run_scale(opts: Options) -> dict[str, Any]:
    """Run everything at ``opts.scale``; writes ``<out>/result.json`` and returns the same dict."""
    opts.out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "scale": opts.scale,
        "db": opts.db,
        "duration_s": opts.duration,
        "connections": opts.connections,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()},
        "skipped": {},
    }
    log(f"scale {opts.scale}: creating a fresh {opts.db} database and migrating it")
    db = database.create(opts.db, opts.out, opts.server)
    result["database"] = db.name
    try:
        t0 = time.perf_counter()
        log(f"generating the data set (plan: {datagen.plan_for(opts.scale)})"[:300])
        data = datagen.generate(db.url, opts.scale, log=lambda m: log(m))
        result["dataset"] = data.to_json()
        result["dataset"]["generate_s"] = round(time.perf_counter() - t0, 1)
        log(f"data set ready in {result['dataset']['generate_s']} s: {data.counts}")
        page, cursor = deep_cursor(db.url, data)
        eps = endpoints(data, page, cursor)
        result["deep_page"] = page

        env = koers_env(db.url, opts.out / "data")
        (opts.out / "data").mkdir(exist_ok=True)
        _apply_env(env)
        import uuid

        from koers.core.security import create_access_token

        token, _ = create_access_token(uuid.UUID(data.hr_user_id))
        auth = {"Authorization": f"Bearer {token}"}

        log("counting SQL statements per request (TestClient) and capturing query plans")
        from bench.sqlcount import count_statements

        result["sql"] = count_statements(db.url, eps, token, opts.out / "plans")
        for name, r in result["sql"].items():
            log(f"  {name}: status {r['status']}, statements {r['statements']}")

        result["load"] = _load(opts, db, eps, env, auth, result)
        if not opts.skip_imports:
            result["imports"] = _imports(opts, db, data, env)
    finally:
        result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        (opts.out / "result.json").write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
        if opts.keep:
            log(f"kept the database {db.name}")
        else:
            db.drop()
    return result


def _load(
    opts: Options,
    db: database.BenchDatabase,
    eps: list[Any],
    env: dict[str, str],
    auth: dict[str, str],
    result: dict[str, Any],
) -> dict[str, Any]:
    servers = [load.Server("koers", "koers.main:app", env, opts.out / "koers-server.log")]
    if db.dialect == "postgresql":
        servers.append(
            load.Server(
                "baseline", "bench.baseline:app", {"BENCH_DATABASE_URL": db.libpq_url}, opts.out / "baseline-server.log"
            )
        )
    else:
        result["skipped"]["baseline"] = (
            "the baseline app speaks PostgreSQL only (psycopg); SQLite runs report Koers alone"
        )
    out: dict[str, Any] = {}
    pg = db.dialect == "postgresql"
    meters = {s.name: load.CpuMeter(s, db.libpq_url if pg else None, db.name if pg else None) for s in servers}
    try:
        for s in servers:
            s.start()
        log("servers up: " + ", ".join(f"{s.name} {s.base}" for s in servers))
        _status, spec = load.get_json(servers[0].base + "/api/v1/openapi.json")
        paths = list((spec or {}).get("paths", {}))
        for ep in eps:
            if not route_exists(ep.route, paths):
                result["skipped"][ep.name] = f"Koers has no route {ep.route} yet"
                log(f"  skip {ep.name}: no route {ep.route}")
                continue
            answers = {s.name: load.get_json(s.base + ep.path, auth) for s in servers}
            bad = {n: st for n, (st, _) in answers.items() if st != 200}
            if bad:
                result["skipped"][ep.name] = f"non-200 answer before load: {bad}"
                log(f"  skip {ep.name}: {bad}")
                continue
            entry: dict[str, Any] = {"label": ep.label, "kind": ep.kind, "path": ep.path}
            if "baseline" in answers:
                entry["shape_diff"] = shape_diff(shape(answers["koers"][1]), shape(answers["baseline"][1]))
                entry["same_body"] = answers["koers"][1] == answers["baseline"][1]
            for s in servers:  # warm caches and connection pools
                load.wrk(s.base + ep.path, 4, opts.warmup, auth)
            for c in opts.connections:
                for s in servers:
                    figures = load.wrk(s.base + ep.path, c, opts.duration, auth, meters[s.name])
                    entry.setdefault(s.name, {})[str(c)] = figures
                    log(
                        f"  {ep.name:22s} c={c:<3d} {s.name:8s} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.2f}"
                        f"  p95 {figures['p95_ms']:7.2f}  p99 {figures['p99_ms']:7.2f} ms  errors {figures['errors']}"
                        f"  cpu app {figures.get('app_cpu_ms', 0):.2f} db {figures.get('db_cpu_ms', 0):.2f} ms/req"
                    )
            out[ep.name] = entry
    finally:
        for s in servers:
            s.stop()
    return out


def _imports(opts: Options, db: database.BenchDatabase, data: datagen.Dataset, env: dict[str, str]) -> dict[str, Any]:
    startup = imports.cli_startup()
    if startup is None:
        log("  skip imports: the CLI has no import-employees command yet")
        return {"skipped": "koers import-employees does not exist yet"}
    sizes = opts.import_rows or [max(100, round(100_000 * opts.scale)), max(1000, round(1_000_000 * opts.scale))]
    out: dict[str, Any] = {"cli_startup_s": startup}
    files = opts.out / "imports"
    files.mkdir(exist_ok=True)
    for rows, org in zip(sizes, data.import_organisation_ids, strict=False):
        path = imports.write_csv(files / f"employees-{rows}.csv", rows)
        log(f"importing {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) with koers import-employees")
        figures = imports.run_import(path, org, {**env, "IMPORT_WORKER": "false"}, opts.out / "import.log")
        figures["imported"] = imports.count_employees(db.url, org)
        net = figures["seconds"] - startup
        figures["rows_per_s_net"] = round(rows / net) if net > 0 else None
        log(f"  {figures}")
        out[str(rows)] = figures
        path.unlink()
    return out
