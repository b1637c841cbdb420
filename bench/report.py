"""Tables (markdown) and target checks (issue 6) from one or more ``result.json`` files."""

from __future__ import annotations

from typing import Any

LIST_DETAIL_P95_MS = 25.0
AGGREGATE_P95_MS = 50.0
MIN_RATIO = 0.5
DEEP_PAGE_FACTOR = 1.5
GROWTH_FACTOR = 1.5
IMPORT_ROWS_PER_S = 20_000
IMPORT_RSS_MB = 300


def _ms(f: dict[str, Any]) -> str:
    return f"{f['p50_ms']:.1f} / {f['p95_ms']:.1f} / {f['p99_ms']:.1f}"


def _cpu(f: dict[str, Any] | None) -> str:
    if not f or "app_cpu_ms" not in f:
        return "-"
    return f"{f['app_cpu_ms']:.2f} + {f['db_cpu_ms']:.2f}"


def load_table(r: dict[str, Any]) -> list[str]:
    lines = [
        "| endpoint | conns | Koers req/s | baseline req/s | ratio | Koers p50 / p95 / p99 ms | "
        "baseline p50 / p95 / p99 ms | Koers CPU ms/req (app + db) | baseline CPU ms/req (app + db) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in r.get("load", {}).values():
        for c, k in entry.get("koers", {}).items():
            b = entry.get("baseline", {}).get(c)
            ratio = f"{k['rps'] / b['rps']:.2f}" if b and b["rps"] else "-"
            err = f" ({k['errors']} errors)" if k["errors"] else ""
            base_rps = f"{b['rps']:,.0f}" if b else "-"
            lines.append(
                f"| {entry['label']} | {c} | {k['rps']:,.0f}{err} | {base_rps} | {ratio} | "
                f"{_ms(k)} | {_ms(b) if b else '-'} | {_cpu(k)} | {_cpu(b)} |"
            )
    same = [n for n, e in r.get("load", {}).items() if e.get("same_body")]
    differ = {n: e.get("shape_diff") for n, e in r.get("load", {}).items() if "same_body" in e and not e["same_body"]}
    if same or differ:
        lines += ["", f"The baseline's JSON equals Koers's for: {', '.join(same) or 'none'}."]
        if differ:
            lines.append("Differs for: " + "; ".join(f"{n} {d or '(values only)'}" for n, d in differ.items()) + ".")
    return lines


def sql_table(r: dict[str, Any]) -> list[str]:
    lines = [
        "| endpoint | statements (limit 10) | statements (limit 200 or n/a) | fixed | slowest statement (EXPLAIN ANALYZE) "
        "| of which JIT compilation |",
        "|---|---:|---:|:---:|---:|---:|",
    ]
    for name, s in r.get("sql", {}).items():
        counts = list(s["statements"].values())
        plans = s.get("plans") or []
        slowest = max((p["execution_ms"] or 0 for p in plans), default=None)
        slow = f"{slowest:.2f} ms" if slowest is not None else "-"
        jit = max((p.get("jit_ms", 0.0) for p in plans), default=0.0)
        jit_text = f"{jit:.1f} ms" if jit else "-"
        at_200 = counts[-1] if len(counts) > 1 else "n/a"
        fixed = "yes" if s["fixed"] else "NO"
        lines.append(f"| {name} (HTTP {s['status']}) | {counts[0]} | {at_200} | {fixed} | {slow} | {jit_text} |")
    return lines


def import_table(r: dict[str, Any]) -> list[str]:
    imp = r.get("imports")
    if not imp:
        return ["(imports not run)"]
    if "skipped" in imp:
        return [f"(imports skipped: {imp['skipped']})"]
    lines = [
        "| rows | file MB | seconds | rows/s | rows/s after start-up | peak RSS MB | exit | employees imported |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in imp.values():
        if not isinstance(f, dict):
            continue
        net = f"{f['rows_per_s_net']:,.0f}" if f.get("rows_per_s_net") else "-"
        lines.append(
            f"| {f['rows']:,} | {f['file_mb']} | {f['seconds']} | {f['rows_per_s']:,.0f} | {net} | "
            f"{f['peak_rss_mb']} | {f['exit_code']} | {f['imported']:,} |"
        )
    if "cli_startup_s" in imp:
        lines += [
            "",
            f"CLI start-up (`python -m koers.cli --help`): {imp['cli_startup_s']} s, left out of the net column.",
        ]
    return lines


def growth_table(small: dict[str, Any], big: dict[str, Any]) -> list[str]:
    lines = [
        f"| endpoint | Koers p50 ms, scale {small['scale']} | Koers p50 ms, scale {big['scale']} | Koers growth | "
        "Koers CPU/request growth | baseline growth | Koers req/s (1 conn), small → big |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, g in growth(small, big).items():
        if name.startswith("floor_"):
            continue
        base = f"{g['baseline_growth']:.2f}x" if g.get("baseline_growth") else "-"
        cpu = f"{g['cpu_growth']:.2f}x" if g.get("cpu_growth") else "-"
        lines.append(
            f"| {name} | {g['small_p50']:.2f} | {g['big_p50']:.2f} | {g['growth']:.2f}x | {cpu} | {base} | "
            f"{g['small_rps']:,.0f} → {g['big_rps']:,.0f} |"
        )
    return lines


def growth(small: dict[str, Any], big: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per endpoint: p50 latency at the lowest concurrency, at both scales, and their ratio (Koers, and the
    baseline's for comparison: the part of the growth that is the database's)."""
    out: dict[str, dict[str, float]] = {}
    for name, e in big.get("load", {}).items():
        s = small.get("load", {}).get(name)
        if not s or "koers" not in s:
            continue
        c = min(set(e["koers"]) & set(s["koers"]), key=int, default=None)
        if c is None:
            continue
        a, b = s["koers"][c], e["koers"][c]
        row = {
            "small_p50": a["p50_ms"],
            "big_p50": b["p50_ms"],
            "growth": b["p50_ms"] / a["p50_ms"] if a["p50_ms"] else float("inf"),
            "small_rps": a["rps"],
            "big_rps": b["rps"],
        }
        if "app_cpu_ms" in a and "app_cpu_ms" in b:
            ca, cb = a["app_cpu_ms"] + a["db_cpu_ms"], b["app_cpu_ms"] + b["db_cpu_ms"]
            row["cpu_growth"] = cb / ca if ca else float("inf")
        sb, bb = s.get("baseline", {}).get(c), e.get("baseline", {}).get(c)
        if sb and bb and sb["p50_ms"]:
            row["baseline_growth"] = bb["p50_ms"] / sb["p50_ms"]
        out[name] = row
    return out


def targets(r: dict[str, Any], smaller: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The issue's targets checked against run ``r`` (and the 1/10 run ``smaller`` for growth)."""
    out: list[dict[str, Any]] = []

    def add(target: str, met: bool | None, detail: str) -> None:
        out.append({"target": target, "met": met, "detail": detail})

    loads = r.get("load", {})
    conns = sorted({int(c) for e in loads.values() for c in e.get("koers", {})})
    top = str(max(conns)) if conns else None
    low = str(min(conns)) if conns else None
    for name, e in loads.items():
        if e["kind"] == "floor":
            continue  # the floor explains the others; it has no target of its own
        if "baseline" in e:
            ratios = {c: e["koers"][c]["rps"] / e["baseline"][c]["rps"] for c in e["koers"] if e["baseline"][c]["rps"]}
            worst = min(ratios, key=lambda c: ratios[c])
            add(
                f"{name}: throughput ≥ {MIN_RATIO:.0%} of baseline",
                ratios[worst] >= MIN_RATIO,
                f"worst ratio {ratios[worst]:.2f} at {worst} conns; all: "
                + ", ".join(f"{c}: {v:.2f}" for c, v in ratios.items()),
            )
        errors = sum(f["errors"] for f in e["koers"].values())
        if errors:
            add(f"{name}: no errors under load", False, f"{errors} failed or non-2xx responses")
        if e["kind"] in ("list", "detail") and top:
            p95 = e["koers"][top]["p95_ms"]
            add(
                f"{name}: p95 < {LIST_DETAIL_P95_MS:.0f} ms at {top} conns",
                p95 < LIST_DETAIL_P95_MS,
                f"p95 {p95:.1f} ms",
            )
        if e["kind"] == "aggregate" and low:
            p95 = e["koers"][low]["p95_ms"]
            others = ", ".join(f"{c} conns {f['p95_ms']:.1f} ms" for c, f in e["koers"].items() if c != low)
            add(
                f"{name}: p95 < {AGGREGATE_P95_MS:.0f} ms ({low} conn)",
                p95 < AGGREGATE_P95_MS,
                f"p95 {p95:.1f} ms (under load: {others})",
            )
    first, deep = loads.get("employees_first"), loads.get("employees_deep")
    if first and deep and low:
        f, d = first["koers"][low]["p50_ms"], deep["koers"][low]["p50_ms"]
        add(
            f"deep page (page {r.get('deep_page')}) p50 ≤ {DEEP_PAGE_FACTOR}x first page",
            d <= DEEP_PAGE_FACTOR * f,
            f"{d:.2f} ms vs {f:.2f} ms ({d / f:.2f}x)",
        )
    if smaller is not None:
        for name, g in growth(smaller, r).items():
            if name.startswith("floor_"):
                continue
            add(
                f"{name}: 10x data ≤ {GROWTH_FACTOR}x time",
                g["growth"] <= GROWTH_FACTOR,
                f"p50 {g['small_p50']:.2f} → {g['big_p50']:.2f} ms ({g['growth']:.2f}x, scale {smaller['scale']} → "
                f"{r['scale']}); CPU per request {g.get('cpu_growth', float('nan')):.2f}x",
            )
    for name, s in r.get("sql", {}).items():
        if name.startswith("floor_"):
            continue
        add(
            f"{name}: fixed number of SQL statements",
            s["fixed"] and s["status"] == 200,
            f"{s['statements']} (HTTP {s['status']})",
        )
    imp = r.get("imports") or {}
    runs = [v for v in imp.values() if isinstance(v, dict)]
    for f in runs:
        ok = f["exit_code"] == 0 and f["imported"] >= f["rows"]
        add(
            f"import {f['rows']:,} rows ≥ {IMPORT_ROWS_PER_S:,} rows/s",
            ok and (f["rows_per_s"] or 0) >= IMPORT_ROWS_PER_S,
            f"{f['rows_per_s']:,.0f} rows/s, exit {f['exit_code']}, {f['imported']:,} imported",
        )
    if len(runs) >= 2:
        small_f, big_f = min(runs, key=lambda f: f["rows"]), max(runs, key=lambda f: f["rows"])
        grows = big_f["peak_rss_mb"] / small_f["peak_rss_mb"]
        within = big_f["peak_rss_mb"] <= IMPORT_RSS_MB if big_f["rows"] >= 1_000_000 else None
        add(
            f"import memory flat (≤ {IMPORT_RSS_MB} MB at 1M rows)",
            (within is not False) and grows <= 1.25,
            f"peak RSS {small_f['peak_rss_mb']} MB at {small_f['rows']:,} rows, {big_f['peak_rss_mb']} MB at "
            f"{big_f['rows']:,} rows ({grows:.2f}x)",
        )
    return out


def markdown(results: list[dict[str, Any]]) -> str:
    """The whole report: per scale the load, SQL and import tables, growth between scales, and targets."""
    results = sorted(results, key=lambda r: r["scale"])
    lines: list[str] = []
    for r in results:
        ds = r.get("dataset", {})
        counts = ds.get("counts", {})
        lines += [
            f"### Scale {r['scale']} ({r['db']}, {r['duration_s']} s per figure, started {r['started']})",
            "",
            f"Data set: {counts.get('organisations', 0):,} organisations, {counts.get('employees', 0):,} employees, "
            f"{counts.get('trajectories', 0):,} trajectories, {counts.get('trajectory_events', 0):,} events; generated "
            f"in {ds.get('generate_s', '?')} s.",
            "",
            *load_table(r),
            "",
            *sql_table(r),
            "",
            *import_table(r),
            "",
        ]
        if r.get("skipped"):
            lines += ["Skipped: " + "; ".join(f"{k}: {v}" for k, v in r["skipped"].items()), ""]
    smaller = None
    if len(results) >= 2:
        big, smaller = results[-1], results[-2]
        lines += [f"### Growth: scale {smaller['scale']} → {big['scale']}", "", *growth_table(smaller, big), ""]
    if results:
        top = results[-1]
        lines += [
            f"### Targets (scale {top['scale']}, {top['db']})",
            "",
            "| target | met | measured |",
            "|---|:---:|---|",
        ]
        for t in targets(top, smaller):
            mark = {True: "yes", False: "**no**", None: "n/a"}[t["met"]]
            lines.append(f"| {t['target']} | {mark} | {t['detail']} |")
    return "\n".join(lines) + "\n"
