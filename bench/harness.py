"""Helpers shared by the benchmark scripts: a scratch PostgreSQL database and a free port.

Importing this module imports nothing of contour, so scripts can still set CONTOUR_* first.
"""

from __future__ import annotations

import socket
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


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
