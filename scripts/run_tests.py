"""Runs the whole pytest suite on every database and queue backend this machine offers.

`make test` calls this with the .venv's Python. The suite always runs once on SQLite; when
PostgreSQL answers at 127.0.0.1:5432 (user postgres, trust auth) it runs again against a fresh
database created for the run and dropped afterwards; when Redis answers at 127.0.0.1:6379 each
run gets an empty Redis database of its own for the tests marked `redis`. It ends with a
summary of what was covered and what was not, and fails when any run fails or collects nothing.

Tests learn the backends from two variables, and the runner sets nothing else:
  CONTOUR_TEST_DATABASE_URL  postgresql://postgres@127.0.0.1:5432/<db> on the PostgreSQL run;
                             unset on the SQLite run (tests then use SQLite in a temp dir).
  CONTOUR_TEST_REDIS_URL     redis://127.0.0.1:6379/<n> on each run when Redis answers (one database
                             per run); unset otherwise (tests marked `redis` skip themselves).
The caller's other CONTOUR_* settings (CONTOUR_DATABASE_URL, CONTOUR_DATA_DIR, ...) are removed so
tests never touch a real deployment; other CONTOUR_TEST_* variables pass through.

Arguments are passed to every pytest run (e.g. `make test ARGS="-k tasks -x"`); with arguments the
web app's unit tests (Vitest, run first and once otherwise) are skipped.
Environment knobs:
  CONTOUR_TEST_PG_FULL=1     also run e2e tests on PostgreSQL (default: excluded,
                             see PG_EXCLUDED_MARKERS below).
  CONTOUR_TEST_REQUIRE=...   comma list of backends (postgresql, redis) whose absence is a
                             failure rather than a "NOT covered" line; for CI that must cover them.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Databases 1-15 are tried in this order (0 is left to real deployments); the first one that is
# empty and whose claim key we set atomically is ours, so concurrent runs never share one.
REDIS_DB_ORDER = [9, 10, 11, 12, 13, 14, 15, 1, 2, 3, 4, 5, 6, 7, 8]
REDIS_CLAIM_KEY = "contour-test:claimed-by"
TIMEOUT_S = 3
# The second (PostgreSQL) run skips the tests whose backend-specific value is low and whose cost
# is high: e2e tests drive Chromium against the web app (the SQLite run covers the browser side).
# The cvat-sdk compat suite is cheap (~20 s) and does run on PostgreSQL, as the issue asks.
# A marker is only excluded once it is registered (pytest rejects unknown names in -m).
# Codec tests (`database_free`) read and write files only: a second run would test the same thing.
# Third-party client tests (`clients`, FiftyOne) cost about a minute and exercise the HTTP surface; the API
# tests and the cvat-sdk suite cover the database side on PostgreSQL.
PG_EXCLUDED_MARKERS = ("e2e", "database_free", "clients")
PYTEST_EXIT_NO_TESTS = 5

SUMMARY_RE = re.compile(
    r"\b(passed|failed|errors?|skipped|deselected|xfailed|xpassed|no tests ran)\b.*\bin [\d.]+s"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class RunResult:
    backend: str
    scope: str
    exit_code: int
    summary_line: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def log(message: str) -> None:
    print(f"run_tests: {message}", flush=True)


# --- backend detection ------------------------------------------------------------------------


def postgres_reachable() -> tuple[bool, str]:
    if shutil.which("pg_isready"):
        cmd = ["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT), "-t", str(TIMEOUT_S)]
        try:
            code = subprocess.run(cmd, timeout=TIMEOUT_S + 2).returncode
        except subprocess.TimeoutExpired:
            return False, "pg_isready timed out"
        return code == 0, f"pg_isready exit {code}"
    try:
        import psycopg

        with psycopg.connect(_pg_admin_dsn(), connect_timeout=TIMEOUT_S):
            return True, "psycopg connected"
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return False, f"psycopg: {_first_line(exc)}"


def _pg_admin_dsn() -> str:
    return f"host={PG_HOST} port={PG_PORT} user={PG_USER} dbname=postgres"


@contextmanager
def postgres_database() -> Iterator[str]:
    """Creates a fresh database for one run and drops it afterwards, whatever happens."""
    import psycopg
    from psycopg import sql

    name = f"contour_test_{secrets.token_hex(6)}"
    with psycopg.connect(_pg_admin_dsn(), connect_timeout=TIMEOUT_S, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        try:
            with psycopg.connect(_pg_admin_dsn(), connect_timeout=TIMEOUT_S, autocommit=True) as c:
                # FORCE ends connections a crashed test server may have left behind.
                c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        except Exception as exc:  # noqa: BLE001 - report, never mask the test result
            log(f"WARNING: could not drop PostgreSQL database {name}: {_first_line(exc)}")


def redis_reachable() -> tuple[bool, str]:
    try:
        import redis

        client = redis.Redis(
            host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=TIMEOUT_S, socket_timeout=TIMEOUT_S
        )
        client.ping()
        client.close()
        return True, "PING answered"
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return False, _first_line(exc)


@contextmanager
def redis_database() -> Iterator[str | None]:
    """Claims an empty Redis database for one run (None when none is free); empties it after."""
    token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    try:
        claimed = _claim_redis_database(token)
    except Exception as exc:  # noqa: BLE001 - Redis went away between PING and claim
        log(f"WARNING: could not claim a Redis database: {_first_line(exc)}")
        claimed = None
    if claimed is None:
        yield None
        return
    client, index = claimed
    try:
        yield f"redis://{REDIS_HOST}:{REDIS_PORT}/{index}"
    finally:
        try:
            # Everything in the database was written by this run unless our claim was lost.
            if client.get(REDIS_CLAIM_KEY) == token.encode():
                client.flushdb()
            else:
                log(f"WARNING: the claim on Redis database {index} was lost; leaving its keys")
            client.close()
        except Exception as exc:  # noqa: BLE001 - report, never mask the test result
            log(f"WARNING: could not clean Redis database {index}: {_first_line(exc)}")


def _claim_redis_database(token: str) -> tuple[Any, int] | None:
    import redis

    for index in REDIS_DB_ORDER:
        client = redis.Redis(
            host=REDIS_HOST, port=REDIS_PORT, db=index,
            socket_connect_timeout=TIMEOUT_S, socket_timeout=TIMEOUT_S,
        )
        if client.set(REDIS_CLAIM_KEY, token, nx=True, ex=6 * 3600):
            if client.dbsize() == 1:
                return client, index
            client.delete(REDIS_CLAIM_KEY)  # someone's data lives here; leave it alone
        client.close()
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


# --- pytest -------------------------------------------------------------------------------------


RUNNER_OWNED = {
    "CONTOUR_TEST_DATABASE_URL", "CONTOUR_TEST_REDIS_URL", "CONTOUR_TEST_PG_FULL", "CONTOUR_TEST_REQUIRE",
}


def base_env() -> dict[str, str]:
    """The caller's environment minus CONTOUR_* settings of a real deployment and our own knobs."""
    def passes(name: str) -> bool:
        return not name.startswith("CONTOUR_") or (
            name.startswith("CONTOUR_TEST_") and name not in RUNNER_OWNED
        )

    dropped = sorted(k for k in os.environ if not passes(k) and not k.startswith("CONTOUR_TEST_"))
    if dropped:
        log(f"ignoring {', '.join(dropped)} from the environment (tests stay hermetic)")
    return {k: v for k, v in os.environ.items() if passes(k)}


def registered_markers(env: dict[str, str]) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--markers"], cwd=ROOT, env=env, capture_output=True,
        text=True, stdin=subprocess.DEVNULL,
    ).stdout
    return set(re.findall(r"^@pytest\.mark\.(\w+)", out, re.MULTILINE))


def run_pytest(backend: str, scope: str, args: list[str], env: dict[str, str]) -> RunResult:
    cmd = [sys.executable, "-m", "pytest", "-q", *args]
    shown = [f"{k}={v}" for k, v in env.items() if k.startswith("CONTOUR_TEST_")]
    print(f"\n{'=' * 20} {backend}: {scope} {'=' * 20}", flush=True)
    log(shlex.join([*shown, "python", *cmd[1:]]))
    summary = ""
    # Stream the output as it comes while remembering pytest's final "N passed in Xs" line.
    with subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, errors="replace", bufsize=1,
    ) as proc:
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                sys.stdout.write(line)
                plain = ANSI_RE.sub("", line).strip().strip("=").strip()
                if SUMMARY_RE.search(plain):
                    summary = plain
        except BaseException:
            proc.terminate()  # interrupted: stop pytest before the databases are dropped
            raise
        finally:
            sys.stdout.flush()
    code = proc.returncode
    if not summary:
        summary = "(pytest printed no result line)"
    if code == PYTEST_EXIT_NO_TESTS:
        summary += " -- no tests collected, counted as a failure"
    return RunResult(backend, scope, code, summary)


VITEST_SUMMARY_RE = re.compile(r"^\s*(Tests|Test Files)\s+(.*)$")


def run_vitest(env: dict[str, str]) -> RunResult:
    """The web app's unit tests (Vitest); vitest itself fails when it finds no test files."""
    cmd = ["npm", "test", "--silent", "--", "--reporter=dot"]
    print(f"\n{'=' * 20} web: unit tests (vitest) {'=' * 20}", flush=True)
    log(f"(cd web && {shlex.join(cmd)})")
    web_env = {k: v for k, v in env.items() if not k.startswith("CONTOUR_")}
    web_env["CONTOUR_PYTHON"] = sys.executable  # the schema the types are generated from
    proc = subprocess.run(
        cmd, cwd=ROOT / "web", env=web_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, errors="replace",
    )  # fmt: skip
    sys.stdout.write(proc.stdout)
    lines = [ANSI_RE.sub("", line) for line in proc.stdout.splitlines()]
    summary = "; ".join(m.group(1) + " " + m.group(2).strip() for m in map(VITEST_SUMMARY_RE.match, lines) if m)
    return RunResult("web", "vitest", proc.returncode, summary or "(vitest printed no result line)")


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    # SIGTERM (CI cancelling) unwinds like Ctrl-C so the temporary databases are still removed.
    signal.signal(signal.SIGTERM, _interrupt)
    required = {b.strip() for b in os.environ.get("CONTOUR_TEST_REQUIRE", "").split(",") if b.strip()}
    pg_full = os.environ.get("CONTOUR_TEST_PG_FULL") == "1"
    env = base_env()

    results: list[RunResult] = []
    covered: list[str] = []
    not_covered: list[str] = []

    redis_ok, redis_why = redis_reachable()
    pg_ok, pg_why = postgres_reachable()
    log(f"Redis at {REDIS_HOST}:{REDIS_PORT}: {'reachable' if redis_ok else 'NOT reachable'} ({redis_why})")
    log(f"PostgreSQL at {PG_HOST}:{PG_PORT}: {'reachable' if pg_ok else 'NOT reachable'} ({pg_why})")

    # Run 0: the web app's unit tests, once (they touch no backend).
    if (ROOT / "web" / "package.json").is_file() and not argv:
        results.append(run_vitest(env))
        covered.append("web app unit tests (vitest)")
    elif (ROOT / "web" / "package.json").is_file():
        not_covered.append("web app unit tests (skipped: pytest arguments were given)")

    # Run 1: SQLite, the whole suite, with Redis for the `redis`-marked tests when there is one.
    with (redis_database() if redis_ok else _nothing()) as redis_url:
        sqlite_env = dict(env)
        if redis_url:
            sqlite_env["CONTOUR_TEST_REDIS_URL"] = redis_url
        results.append(run_pytest("sqlite", "full suite", argv, sqlite_env))
    covered.append("sqlite (full suite)")
    if (ROOT / ".venv-fiftyone" / "bin" / "python").exists():
        covered.append("FiftyOne's CVAT backend as a client (tests/clients, on the sqlite run)")
    else:
        not_covered.append("FiftyOne client tests (.venv-fiftyone missing; CONTOUR_SKIP_FIFTYONE=1 at set-up?)")

    # Run 2: PostgreSQL in a database of its own.
    if pg_ok:
        excluded = [] if pg_full else [m for m in PG_EXCLUDED_MARKERS if m in registered_markers(env)]
        scope = f"full suite minus {' and '.join(excluded)}" if excluded else "full suite"
        pg_args = ["-m", " and ".join(f"not {m}" for m in excluded), *argv] if excluded else argv
        try:
            # A Redis database of its own too: `contour worker` killed mid-work on PostgreSQL + Redis (tests/faults).
            with postgres_database() as pg_url, (redis_database() if redis_ok else _nothing()) as pg_redis_url:
                pg_env = dict(env, CONTOUR_TEST_DATABASE_URL=pg_url)
                if pg_redis_url:
                    pg_env["CONTOUR_TEST_REDIS_URL"] = pg_redis_url
                results.append(run_pytest("postgresql", scope, pg_args, pg_env))
            covered.append(f"postgresql ({scope}{' with the Redis queue' if pg_redis_url else ''})")
        except Exception as exc:  # noqa: BLE001 - creating the database failed
            not_covered.append(f"postgresql (reachable, but no test database: {_first_line(exc)})")
    else:
        not_covered.append(f"postgresql (not reachable at {PG_HOST}:{PG_PORT}: {pg_why})")

    if redis_url:
        covered.append(f"redis queue (yes: {redis_url} during the sqlite run)")
    elif redis_ok:
        not_covered.append("redis queue (reachable, but Redis databases 1-15 are all in use)")
    else:
        not_covered.append(f"redis queue (not reachable at {REDIS_HOST}:{REDIS_PORT}: {redis_why})")

    return report(results, covered, not_covered, required)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def report(results: list[RunResult], covered: list[str], not_covered: list[str], required: set[str]) -> int:
    missing_required = sorted(b for b in required if any(n.startswith(b) for n in not_covered))
    failed = [r for r in results if not r.ok]
    print(f"\n{'=' * 34} Contour test summary {'=' * 34}")
    print(f"Backends covered: {', '.join(covered)}")
    for r in results:
        verdict = "PASS" if r.ok else f"FAIL (pytest exit {r.exit_code})"
        print(f"  {r.backend:<11} {verdict:<24} {r.summary_line}")
    for line in not_covered:
        print(f"NOT covered: {line}")
    for backend in missing_required:
        print(f"REQUIRED but not covered (CONTOUR_TEST_REQUIRE): {backend}")
    ok = not failed and not missing_required
    print(f"Result: {'PASSED' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("\nrun_tests: interrupted", file=sys.stderr)
        sys.exit(130)
