"""``koers import-employees``: the same import as the API, run directly against the configured database,
with a progress bar and a summary table. Exit code 0 on success, 1 when the import fails (its row errors
are printed), 2 for bad arguments."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

PHASES = {"validating": "Validating rows", "running": "Writing employees", "done": "Done"}


def import_employees(
    file: Annotated[Path, typer.Argument(help="The HRIS export (CSV or XLSX).", exists=True, dir_okay=False)],
    organisation: Annotated[str, typer.Option("--organisation", help="The organisation's id (UUID).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and count; write nothing.")] = False,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="A JSON file: Koers field → column name, plus options.", exists=True),
    ] = None,
) -> None:
    """Import employees from an HRIS export into an organisation (all-or-nothing)."""
    from sqlmodel import Session

    from koers.core.db import get_engine
    from koers.core.errors import ProblemError
    from koers.imports import service
    from koers.imports.jobs import claim
    from koers.imports.models import EmployeeImport, ImportState
    from koers.imports.runner import run_job
    from koers.imports.worker import worker_id
    from koers.organisations.models import Organisation

    console = Console()
    try:
        org_id = uuid.UUID(organisation)
    except ValueError:
        console.print("[red]--organisation must be a UUID.[/red]")
        raise typer.Exit(2) from None
    engine = get_engine()
    raw_mapping = mapping.read_text(encoding="utf-8") if mapping else None
    with Session(engine, expire_on_commit=False) as session:
        if session.get(Organisation, org_id) is None:
            console.print("[red]No organisation with that id.[/red]")
            raise typer.Exit(2)
        try:
            with file.open("rb") as fh:
                upload = service.store_upload(fh, max_bytes=2**62)
            job = service.create_job(
                session, org_id, upload, file_name=file.name, dry_run=dry_run, raw_mapping=raw_mapping, created_by=None
            )
            session.commit()
        except ProblemError as exc:
            console.print(f"[red]The file cannot be imported:[/red] {exc.detail}")
            raise typer.Exit(1) from None
    me = worker_id()
    if claim(engine, me, job.id) is None:
        console.print("[red]The job was taken by another worker.[/red]")
        raise typer.Exit(1)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(PHASES["validating"], total=None)

        def on_progress(phase: str, done: int, total: int | None) -> None:
            progress.update(task, description=PHASES.get(phase, phase), completed=done, total=total)

        run_job(engine, job.id, me, on_progress)
    with Session(engine) as session:
        result = session.get(EmployeeImport, job.id)
        assert result is not None
    _summary(console, result)
    if result.state != ImportState.succeeded:
        raise typer.Exit(1)


def _summary(console: Console, job: object) -> None:
    from koers.imports.models import EmployeeImport

    assert isinstance(job, EmployeeImport)
    table = Table(title=f"Employee import {'(dry run) ' if job.dry_run else ''}— {job.state.value}")
    table.add_column("rows", justify="right")
    table.add_column("created", justify="right")
    table.add_column("updated", justify="right")
    table.add_column("unchanged", justify="right")
    table.add_column("failed", justify="right")
    table.add_row(
        str(job.total_rows or 0),
        str(job.created_count),
        str(job.updated_count),
        str(job.unchanged_count),
        str(job.failed_count),
    )
    console.print(table)
    if job.failure_reason:
        console.print(f"[red]{job.failure_reason}[/red]")
    if job.errors:
        errors = Table(title=f"Row errors ({job.error_count} in all)")
        for name in ("line", "column", "value", "reason"):
            errors.add_column(name)
        for e in job.errors[:50]:
            errors.add_row(str(e["line"]), e.get("column") or "", e.get("value") or "", e["reason"])
        console.print(errors)


def register(app: typer.Typer) -> None:
    """Add ``import-employees`` to the ``koers`` command."""
    app.command("import-employees")(import_employees)
