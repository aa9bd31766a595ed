"""The `contour` command: serve, worker, migrate, createsuperuser."""

from __future__ import annotations

import getpass
import logging
import sys
from typing import Annotated

import typer
from sqlalchemy import func, select

from contour import __version__
from contour.config import get_settings
from contour.media.manifest_cli import manifest_app

app = typer.Typer(help="Contour: annotation for computer vision with a CVAT-compatible API.", no_args_is_help=True)
app.add_typer(manifest_app, name="manifest", help="Write CVAT media manifests (manifest.jsonl).")


def _migrate() -> None:
    from contour.db import get_engine, refresh_planner_statistics
    from contour.migrations import upgrade

    upgrade(get_settings().resolved_database_url)
    refresh_planner_statistics(get_engine())


def _user_count() -> int:
    from contour.db import transaction
    from contour.resources.accounts.models import User

    with transaction() as db:
        return int(db.scalar(select(func.count(User.id))) or 0)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (default CONTOUR_HOST or 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default CONTOUR_PORT or 8080)")] = None,
    workers: Annotated[int, typer.Option(help="HTTP worker processes (Redis queue only)")] = 1,
) -> None:
    """Apply migrations, then serve the API and the web app."""
    import uvicorn

    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _migrate()
    host = host or settings.host
    port = port or settings.port
    queue_mode = "redis, run `contour worker` for background jobs" if settings.redis_url else "embedded"
    typer.echo(f"Contour {__version__}: data in {settings.data_dir.resolve()}, queue {queue_mode}")
    if _user_count() == 0:
        typer.echo(
            "No users yet. Create an administrator with `contour createsuperuser` "
            f"(or register one: POST http://{host}:{port}/api/auth/register)."
        )
    typer.echo(f"Open http://{host}:{port}/ (API at /api/, schema at /api/schema, docs at /api/docs)")
    if workers > 1 and not settings.redis_url:
        typer.echo("Several HTTP workers need the Redis queue (CONTOUR_REDIS_URL); using 1.", err=True)
        workers = 1
    uvicorn.run(
        "contour.asgi:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
    )


@app.command()
def worker(threads: Annotated[int, typer.Option(help="Worker threads")] = 2) -> None:
    """Run background jobs from the Redis queue (CONTOUR_REDIS_URL must be set)."""
    settings = get_settings()
    if not settings.redis_url:
        typer.echo("`contour worker` needs CONTOUR_REDIS_URL; embedded mode runs jobs inside `contour serve`.", err=True)
        raise typer.Exit(2)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _migrate()
    from contour.queue import run_worker

    run_worker(threads)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    _migrate()
    typer.echo("Database is up to date.")


@app.command()
def createsuperuser(
    username: Annotated[str | None, typer.Option(help="Username")] = None,
    email: Annotated[str, typer.Option(help="E-mail")] = "",
    password: Annotated[str | None, typer.Option(help="Password (prompted if omitted; or CONTOUR_SUPERUSER_PASSWORD)")] = None,
) -> None:
    """Create an administrator account."""
    import os

    from contour.db import transaction
    from contour.errors import ValidationError
    from contour.resources.accounts.service import do_create_user

    _migrate()
    if username is None:
        username = typer.prompt("Username")
    if password is None:
        password = os.environ.get("CONTOUR_SUPERUSER_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            typer.echo("No password given: pass --password or set CONTOUR_SUPERUSER_PASSWORD.", err=True)
            raise typer.Exit(2)
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            typer.echo("Passwords differ.", err=True)
            raise typer.Exit(2)
    if len(password) < 8:
        typer.echo("The password needs at least 8 characters.", err=True)
        raise typer.Exit(2)
    try:
        with transaction() as db:
            do_create_user(db, username, password, email=email, is_superuser=True)
    except ValidationError as error:
        typer.echo(f"Cannot create the user: {error.detail}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Superuser {username} created.")


@app.command()
def version() -> None:
    """Print Contour's version."""
    typer.echo(__version__)


def main() -> None:
    app()
