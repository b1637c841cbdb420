"""The ``koers`` command line: ``serve``, ``migrate``, ``create-admin`` (and the domain commands)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(help="Koers: career mobility and career coaching platform.", no_args_is_help=True)
console = Console(stderr=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    migrate_first: Annotated[bool, typer.Option("--migrate/--no-migrate", help="Apply migrations first.")] = True,
) -> None:
    """Run the API (and the built frontend, when present) with uvicorn."""
    import uvicorn

    if migrate_first:
        migrate()
    console.print(f"Koers listens on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run("koers.main:app", host=host, port=port, workers=workers, access_log=False, proxy_headers=True)


@app.command()
def migrate() -> None:
    """Apply all database migrations (creates the embedded SQLite database on first run)."""
    from koers.core.config import get_settings
    from koers.core.migrate import upgrade

    upgrade(get_settings().effective_database_url)
    console.print("Database migrated to the latest version.")


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Argument(help="The administrator's email address.")],
    full_name: Annotated[str, typer.Option(help="Display name.")] = "Administrator",
) -> None:
    """Create a platform administrator. The password comes from ``KOERS_ADMIN_PASSWORD`` or a prompt."""
    from pydantic import ValidationError
    from sqlmodel import Session

    from koers.core.db import get_engine
    from koers.core.errors import ProblemError
    from koers.users.models import UserCreate
    from koers.users.service import create_user

    password = os.environ.get("KOERS_ADMIN_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        data = UserCreate(email=email, full_name=full_name, password=password, is_admin=True)
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][-1]) for e in exc.errors())
        console.print(f"[red]Invalid input:[/red] {fields} (passwords need at least 10 characters)")
        raise typer.Exit(2) from None
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            user = create_user(session, data)
            session.commit()
        except ProblemError as exc:
            console.print(f"[red]{exc.detail}[/red]")
            raise typer.Exit(1) from None
    console.print(f"Administrator created (id {user.id}).")


def _register_domain_commands() -> None:
    from koers import demo
    from koers.coaching import cli as coaching_cli
    from koers.imports import cli as imports_cli

    for module in (imports_cli, demo, coaching_cli):
        module.register(app)


_register_domain_commands()


if __name__ == "__main__":
    app()
