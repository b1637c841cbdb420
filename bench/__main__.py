"""``python -m bench``: Koers's benchmarks (issue 6). See ``bench/README.md``.

uv run python -m bench run [--scale 1.0] [--db postgresql|sqlite] [--duration 10] [--connections 1,8,32]
uv run python -m bench report bench/results/<run>/scale-0.1 bench/results/<run>/scale-1.0
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def _write_report(folder: Path, results: list[dict[str, Any]]) -> Path:
    from bench.report import markdown, targets

    text = markdown(results)
    (folder / "report.md").write_text(text, encoding="utf-8")
    ordered = sorted(results, key=lambda r: r["scale"])
    summary = {
        "scales": [r["scale"] for r in ordered],
        "targets": targets(ordered[-1], ordered[-2] if len(ordered) > 1 else None),
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return folder / "report.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Koers benchmarks against a raw baseline.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="generate a data set, load Koers and the baseline, write results")
    run.add_argument("--scale", type=_floats, default=[1.0], help="data scale(s), comma-separated (1.0 = 1M employees)")
    run.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    run.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    run.add_argument("--duration", type=int, default=10, help="seconds of load per figure")
    run.add_argument("--connections", type=_ints, default=[1, 8, 32], help="concurrent connections, comma-separated")
    run.add_argument("--import-rows", type=_ints, default=None, help="CSV sizes to import (default 100k,1M x scale)")
    run.add_argument("--skip-imports", action="store_true", help="do not run the import benchmark")
    run.add_argument("--keep", action="store_true", help="keep the benchmark database(s)")
    run.add_argument("--out", type=Path, default=None, help="results folder (default bench/results/<timestamp>)")
    rep = sub.add_parser("report", help="rebuild report.md from result folders (e.g. scale 0.1 and 1.0 runs)")
    rep.add_argument("folders", nargs="+", type=Path)
    rep.add_argument("--out", type=Path, default=None)
    prof = sub.add_parser("profile", help="profile Koers under load with py-spy, on a database kept with --keep")
    prof.add_argument("folder", type=Path, help="a scale folder of a run made with --keep")
    prof.add_argument("--endpoint", action="append", required=True, help="endpoint name (repeatable)")
    prof.add_argument("--duration", type=int, default=10)
    prof.add_argument("--connections", type=int, default=8)
    drop = sub.add_parser("drop", help="drop the database of a run made with --keep")
    drop.add_argument("folder", type=Path)
    args = parser.parse_args(argv)

    if args.command == "profile":
        from bench.profile import profile

        profile(args.folder, args.endpoint, args.duration, args.connections)
        return 0
    if args.command == "drop":
        from bench.database import DEFAULT_SERVER, BenchDatabase

        name = json.loads((args.folder / "result.json").read_text())["database"]
        if name.startswith("koers_bench_"):
            BenchDatabase(url="", name=name, server=DEFAULT_SERVER).drop()
        return 0

    if args.command == "report":
        results = [json.loads((f / "result.json").read_text()) for f in args.folders]
        out = args.out or args.folders[-1].parent
        out.mkdir(parents=True, exist_ok=True)
        print(_write_report(out, results).read_text())
        return 0

    from bench.load import ensure_wrk
    from bench.run import Options, run_scale

    ensure_wrk()
    folder = args.out or RESULTS / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for scale in sorted(args.scale):
        opts = Options(
            scale=scale,
            db=args.db,
            duration=args.duration,
            connections=args.connections,
            out=folder / f"scale-{scale:g}",
            keep=args.keep,
            server=args.server,
            skip_imports=args.skip_imports,
            import_rows=args.import_rows,
        )
        results.append(run_scale(opts))
        _write_report(folder, results)
    report = _write_report(folder, results)
    print(report.read_text())
    print(f"results: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
