"""Helpers shared by the benchmark scripts: scratch PostgreSQL, a free port, a `contour serve` process.

Importing this module imports nothing of contour, so scripts can still set CONTOUR_* first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@contextmanager
def scratch_postgres(admin_dsn: str) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"contour_bench_{uuid.uuid4().hex[:10]}"
    params = dict(part.split("=", 1) for part in admin_dsn.split())
    with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    auth = params.get("user", "postgres") + (f":{params['password']}" if "password" in params else "")
    try:
        yield f"postgresql://{auth}@{params.get('host', '127.0.0.1')}:{params.get('port', '5432')}/{name}"
    finally:
        try:
            with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=10) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        except Exception as exc:  # noqa: BLE001 - cleanup must not mask the real error
            print(f"WARNING: could not drop scratch database {name}: {exc}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    log: Path


@contextmanager
def http_server(env: dict[str, str], log_path: Path) -> Iterator[Server]:
    """`contour serve` (uvicorn, 1 process, embedded queue) on a free port."""
    import httpx2

    port = free_port()
    exe = Path(sys.executable).with_name("contour")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from contour.cli import main; main()"]
    cmd += ["serve", "--host", "127.0.0.1", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited ({proc.returncode}):\n{log_path.read_text()[-3000:]}")
            try:
                if httpx2.get(f"{base}/api/server/about", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield Server(base, proc, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_with_database(args: argparse.Namespace, run: Callable[[str | None, Path], None]) -> None:
    """Call `run(database_url, tmp_dir)` on --database-url / CONTOUR_DATABASE_URL, a scratch
    PostgreSQL database (--postgres), or SQLite (None); the temporary directory is removed after."""
    tmp = Path(tempfile.mkdtemp(prefix="contour-bench-"))
    try:
        database_url = args.database_url or os.environ.get("CONTOUR_DATABASE_URL")
        if args.postgres and not database_url:
            with scratch_postgres(args.pg_admin) as pg_url:
                run(pg_url, tmp)
        else:
            run(database_url, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
