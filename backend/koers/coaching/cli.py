"""``koers rotate-data-key``: re-encrypt all confidential text with the first key of DATA_ENCRYPTION_KEYS."""

from __future__ import annotations

import typer
from rich.console import Console

console = Console(stderr=True)


def rotate_data_key() -> None:
    """Re-encrypt every confidential column (private notes, intake, referral screening, summaries, action
    plan, closing reports) with the FIRST key in DATA_ENCRYPTION_KEYS.

    Key rotation, step by step: (1) generate a key: python -c "from cryptography.fernet import Fernet;
    print(Fernet.generate_key().decode())"; (2) set DATA_ENCRYPTION_KEYS=<new>,<old> and restart the
    app (new writes use the new key, old values stay readable); (3) run `koers rotate-data-key`;
    (4) set DATA_ENCRYPTION_KEYS=<new> and restart. One transaction: on any error nothing changes."""
    from koers import models
    from koers.core.crypto import DecryptionError, reencrypt_all
    from koers.core.db import get_engine

    try:
        with get_engine().begin() as connection:
            count = reencrypt_all(connection, models.metadata)
    except DecryptionError:
        console.print("[red]A value cannot be decrypted with any configured key; nothing was changed.[/red]")
        raise typer.Exit(1) from None
    console.print(f"Re-encrypted {count} confidential values with the first key.")


def register(app: typer.Typer) -> None:
    app.command("rotate-data-key")(rotate_data_key)
