#!/usr/bin/env python
"""Benchmark the list endpoints: 10,000 tasks with filters and sorting; p50 latency per page.

Self-contained: a temp CONTOUR_DATA_DIR (SQLite there by default), migrations, a realistic seed
(users, an organization, ~50 projects with labels, 10,000 tasks, jobs for a subset), then a real
`contour serve` subprocess measured over HTTP with keep-alive, as a non-admin organization owner,
an organization worker and an admin. A second, in-process pass (TestClient) counts the SQL
statements and SQL time per request. Benchmarks are not tests: nothing here asserts on timings.

    .venv/bin/python bench/api_lists.py                      # SQLite in a temp dir
    .venv/bin/python bench/api_lists.py --postgres           # scratch PostgreSQL DB, dropped after
    .venv/bin/python bench/api_lists.py --database-url postgresql://postgres@127.0.0.1:5432/empty_db

--database-url (or CONTOUR_DATABASE_URL) must name an empty database; it is not dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from harness import http_server, run_with_database  # noqa: E402 - shared bench helpers (bench/ is on sys.path)

PASSWORD = "bench-password-123"
ORG_SLUG = "bench"
PLACES = ["street", "highway", "parking", "warehouse", "forest", "harbor", "airport", "crosswalk",
          "rooftop", "tunnel", "farm", "stadium", "bridge", "campus", "market", "railway"]
OBJECTS = ["cars", "pedestrians", "drones", "ships", "cyclists", "trucks", "signs", "animals",
           "buses", "pallets", "people", "lanes"]
KINDS = ["batch", "clip", "shift", "survey", "capture", "review"]
LABEL_NAMES = ["car", "person", "bicycle", "truck", "bus", "sign", "light", "dog", "cat", "boat",
               "drone", "pallet", "lane", "pole", "tree"]
SEARCH_WORD = "harbor"
JSON_FILTER = '{"and":[{"==":[{"var":"status"},"annotation"]},{"in":["7",{"var":"name"}]}]}'


# --------------------------------------------------------------------------- environment


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", type=int, default=10_000, help="tasks to seed (default 10000)")
    p.add_argument("--projects", type=int, default=50, help="projects to seed (default 50)")
    p.add_argument("--requests", type=int, default=40, help="timed requests per scenario (default 40)")
    p.add_argument("--warmup", type=int, default=3, help="untimed requests per scenario first (default 3)")
    p.add_argument("--seed", type=int, default=1234, help="random seed of the data set")
    p.add_argument("--database-url", help="an EMPTY database to use (default: CONTOUR_DATABASE_URL, else SQLite)")
    p.add_argument("--postgres", action="store_true", help="create (and drop afterwards) a scratch PostgreSQL DB")
    p.add_argument("--pg-admin", default="host=127.0.0.1 port=5432 user=postgres dbname=postgres",
                   help="libpq DSN used by --postgres to create/drop the scratch DB")
    p.add_argument("--sqlite-analyze", action="store_true",
                   help="run ANALYZE on SQLite after seeding (the server never does; PostgreSQL is always analyzed)")
    p.add_argument("--in-process", action="store_true",
                   help="time through TestClient instead of a `contour serve` subprocess")
    p.add_argument("--no-query-stats", action="store_true", help="skip the in-process SQL statement counting")
    return p.parse_args()


# --------------------------------------------------------------------------- seeding


@dataclass
class Seeded:
    users: dict[str, int]
    org_id: int
    project_ids: list[int]
    tasks: int
    jobs: int
    busiest_project: int  # a project of alice's with many tasks, for `project_id=`
    seconds: float = 0.0


def seed(n_tasks: int, n_projects: int, rng: random.Random, sqlite_analyze: bool = False) -> Seeded:
    from sqlalchemy import func, insert, select

    from contour.core.segments import split_into_segments
    from contour.db import transaction, utcnow
    from contour.resources.accounts.models import User
    from contour.resources.accounts.service import do_create_user
    from contour.resources.common.actor import OrgScope, load_actor
    from contour.resources.common.storage import StorageLocation
    from contour.resources.jobs.models import JobStage, JobState
    from contour.resources.jobs.service import do_split_into_jobs
    from contour.resources.labels.models import Label
    from contour.resources.labels.schemas import AttributeRequest, LabelRequest
    from contour.resources.organizations.models import Membership, Organization, Role
    from contour.resources.organizations.schemas import OrganizationWriteRequest
    from contour.resources.organizations.service import do_create_organization
    from contour.resources.projects.schemas import ProjectWriteRequest
    from contour.resources.projects.service import do_create_project
    from contour.resources.tasks.models import Task
    from contour.resources.tasks.schemas import TaskWriteRequest
    from contour.resources.tasks.service import do_create_task, do_refresh_task_status

    started = time.perf_counter()
    with transaction() as db:
        if db.scalar(select(func.count(User.id))):
            raise SystemExit("The database is not empty; point --database-url at an empty database.")

    # Users, the organization and its memberships, through the services.
    org_roles = {"alice": Role.OWNER, "bob": Role.MAINTAINER, "carol": Role.SUPERVISOR,
                 "dave": Role.WORKER, "erin": Role.WORKER}
    with transaction() as db:
        users = {"admin": do_create_user(db, "bench_admin", PASSWORD, email="admin@bench.test", is_superuser=True)}
        for name in ("alice", "bob", "carol", "dave", "erin", "frank"):
            users[name] = do_create_user(db, name, PASSWORD, email=f"{name}@bench.test", first_name=name.title())
        org = do_create_organization(db, load_actor(db, users["alice"]),
                                     OrganizationWriteRequest(slug=ORG_SLUG, name="Bench Org"))
        for name, role in org_roles.items():
            if role != Role.OWNER:
                db.add(Membership(user_id=users[name].id, organization_id=org.id, role=role,
                                  is_active=True, joined_date=utcnow()))
        db.flush()
        uid = {name: u.id for name, u in users.items()}
        org_id = org.id

    members = ["alice", "bob", "carol", "dave", "erin"]
    sandbox_people = ["alice", "bob", "carol", "erin", "frank"]

    def labels_request(k: int) -> list[LabelRequest]:
        out = []
        for label_name in rng.sample(LABEL_NAMES, k):
            attrs = []
            if rng.random() < 0.4:
                attrs.append(AttributeRequest(name="occluded", input_type="checkbox", values=["false"]))
            if rng.random() < 0.3:
                attrs.append(AttributeRequest(name="color", input_type="select", values=["red", "green", "blue"]))
            out.append(LabelRequest(name=label_name, attributes=attrs))
        return out

    # Projects, all through the real service (each with 3-6 labels and storages).
    projects: list[dict[str, Any]] = []  # {"id", "org", "owner", "assignee", "dimension"}
    with transaction() as db:
        actors = {name: load_actor(db, db.get(User, uid[name])) for name in uid}
        for i in range(n_projects):
            in_org = i % 5 < 3
            owner = rng.choice(["alice", "bob", "carol"] if in_org else sandbox_people)
            if i == 0:
                owner = "alice"
            assignee = rng.choice([None, None, *(members if in_org else [])])
            scope = OrgScope("org", db.get(Organization, org_id)) if in_org else OrgScope("sandbox")
            project = do_create_project(db, actors[owner], scope, ProjectWriteRequest(
                name=f"{rng.choice(PLACES).title()} {rng.choice(OBJECTS)} project {i + 1:02d}",
                labels=labels_request(rng.randint(3, 6)),
                assignee_id=uid[assignee] if assignee else None,
                bug_tracker=rng.choice(["", "", f"https://tracker.example/PRJ-{i}"]),
            ))
            projects.append({"id": project.id, "org": org_id if in_org else None, "owner": owner,
                             "assignee": assignee, "dimension": project.dimension})

    # The first few tasks through the real service; their rows become the template for the rest.
    with transaction() as db:
        actors = {name: load_actor(db, db.get(User, uid[name])) for name in uid}
        org_scope = OrgScope("org", db.get(Organization, org_id))
        first = [
            do_create_task(db, actors["alice"], OrgScope("all"), TaskWriteRequest(
                name="street cars batch 00001", project_id=projects[0]["id"], subset="train")),
            do_create_task(db, actors["alice"], OrgScope("sandbox"), TaskWriteRequest(
                name="forest animals clip 00002", labels=labels_request(2), assignee_id=uid["bob"])),
            do_create_task(db, actors["bob"], org_scope, TaskWriteRequest(
                name="harbor ships survey 00003", labels=labels_request(3), assignee_id=uid["dave"])),
            do_create_task(db, actors["carol"], org_scope, TaskWriteRequest(
                name="airport people shift 00004", labels=labels_request(1), segment_size=50)),
        ]
        template = {c.name: getattr(first[0], c.key) for c in Task.__table__.columns if c.name != "id"}
        label_row = db.scalars(select(Label).where(Label.task_id == first[1].id)).first()
        label_template = {c.name: getattr(label_row, c.key) for c in Label.__table__.columns if c.name != "id"}
        storage_template = {"location": "local", "cloud_storage_id": None}

    # The bulk of the tasks: Core executemany inserts shaped like the service-created rows.
    bulk = n_tasks - len(first)
    now = datetime.now(UTC)
    status_choices = ["annotation"] * 6 + ["validation"] * 2 + ["completed"] * 2
    rows: list[dict[str, Any]] = []
    standalone: list[int] = []  # row indexes that need their own labels
    with_data: list[int] = []   # row indexes that get media facts and jobs
    for n in range(bulk):
        i = n + len(first) + 1
        r = rng.random()
        project = None
        if r < 0.6:
            project = rng.choice(projects)
            organization_id = project["org"]
            if organization_id is None:
                people = [project["owner"]] + ([project["assignee"]] if project["assignee"] else [])
            else:
                people = members
        elif r < 0.8:
            organization_id = None
            people = sandbox_people
        else:
            organization_id = org_id
            people = members
        owner = project["owner"] if project is not None and rng.random() < 0.4 else rng.choice(people)
        assignee = rng.choice(people) if rng.random() < 0.5 else None
        created = now - timedelta(days=rng.uniform(1, 365), seconds=rng.uniform(0, 86400))
        updated = min(now, created + timedelta(days=rng.expovariate(1 / 20)))
        row = dict(template)
        row.update(
            name=f"{rng.choice(PLACES)} {rng.choice(OBJECTS)} {rng.choice(KINDS)} {i:05d}",
            project_id=project["id"] if project is not None else None,
            owner_id=uid[owner],
            assignee_id=uid[assignee] if assignee else None,
            assignee_updated_date=updated if assignee else None,
            bug_tracker=rng.choice(["", "", "", f"https://tracker.example/T-{i}"]),
            subset=rng.choice(["train", "train", "val", "test", ""]) if project is not None else "",
            status=rng.choice(status_choices),
            organization_id=organization_id,
            segment_size=rng.choice([0, 0, 25, 50, 100]),
            dimension=(project["dimension"] or "2d") if project is not None else "2d",
            created_date=created,
            updated_date=updated,
        )
        if project is None:
            standalone.append(n)
        if rng.random() < 0.08:
            with_data.append(n)
            row.update(mode="annotation", size=rng.randint(10, 400), image_quality=70, data_chunk_size=36,
                       data_original_chunk_type="imageset", data_compressed_chunk_type="imageset")
        rows.append(row)

    with transaction() as db:
        storage_ids = db.scalars(
            insert(StorageLocation.__table__).returning(StorageLocation.__table__.c.id, sort_by_parameter_order=True),
            [dict(storage_template) for _ in range(2 * bulk)],
        ).all()
        for n, row in enumerate(rows):
            row["source_storage_id"], row["target_storage_id"] = storage_ids[2 * n], storage_ids[2 * n + 1]
        task_ids = db.scalars(
            insert(Task.__table__).returning(Task.__table__.c.id, sort_by_parameter_order=True), rows
        ).all()
        label_rows = []
        for n in standalone:
            for label_name in rng.sample(LABEL_NAMES, rng.randint(1, 3)):
                label_rows.append({**label_template, "task_id": task_ids[n], "name": label_name})
        db.execute(insert(Label.__table__), label_rows)

    # Jobs for the tasks with data, through the real splitter; then varied stages/assignees.
    n_jobs = 0
    with transaction() as db:
        data_tasks = db.scalars(select(Task).where(Task.id.in_([task_ids[n] for n in with_data])).order_by(Task.id)
        ).unique().all()
        for task in data_tasks:
            jobs = do_split_into_jobs(db, task, split_into_segments(task.size or 0, task.segment_size, None))
            n_jobs += len(jobs)
            people = members if task.organization_id is not None else sandbox_people
            for job in jobs:
                stage = rng.choice([JobStage.ANNOTATION] * 3 + [JobStage.VALIDATION, JobStage.ACCEPTANCE])
                job.stage = stage
                job.state = JobState.COMPLETED if stage == JobStage.ACCEPTANCE else rng.choice(
                    [JobState.NEW, JobState.IN_PROGRESS])
                if rng.random() < 0.5:
                    job.assignee_id = uid[rng.choice(people)]
                    job.assignee_updated_date = task.updated_date
            db.flush()
            do_refresh_task_status(db, task)

    with transaction() as db:
        busiest = db.execute(
            select(Task.project_id, func.count(Task.id)).where(Task.project_id.in_(
                [p["id"] for p in projects if p["owner"] == "alice"]
            )).group_by(Task.project_id).order_by(func.count(Task.id).desc()).limit(1)
        ).first()
        if db.get_bind().dialect.name == "postgresql" or sqlite_analyze:
            # PostgreSQL's autovacuum would analyze 10k fresh rows within a minute on a live server;
            # SQLite has no statistics unless someone runs ANALYZE (opt in with --sqlite-analyze).
            db.connection().exec_driver_sql("ANALYZE")
    return Seeded(users=uid, org_id=org_id, project_ids=[p["id"] for p in projects], tasks=len(first) + bulk,
                  jobs=n_jobs, busiest_project=busiest[0] if busiest else projects[0]["id"],
                  seconds=time.perf_counter() - started)


def api_keys(usernames: list[str]) -> dict[str, str]:
    from contour.db import transaction
    from contour.resources.accounts.service import do_login

    keys = {}
    with transaction() as db:
        for name in usernames:
            keys[name] = do_login(db, "bench_admin" if name == "admin" else name, PASSWORD).api_key
    return keys


# --------------------------------------------------------------------------- scenarios


@dataclass
class Scenario:
    label: str
    user: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def scenarios(seeded: Seeded) -> list[Scenario]:
    org = {"X-Organization": ORG_SLUG}
    return [
        Scenario("tasks: default page", "alice", "/api/tasks"),
        Scenario("tasks: default page", "admin", "/api/tasks"),
        Scenario("tasks: default page", "dave", "/api/tasks"),
        Scenario("tasks: page_size=100", "alice", "/api/tasks", {"page_size": "100"}),
        Scenario("tasks: page=50", "alice", "/api/tasks", {"page": "50"}),
        Scenario("tasks: page=900", "admin", "/api/tasks", {"page": "900"}),
        Scenario("tasks: sort=-name", "alice", "/api/tasks", {"sort": "-name"}),
        Scenario("tasks: sort=project_name,-id", "alice", "/api/tasks", {"sort": "project_name,-id"}),
        Scenario(f"tasks: search={SEARCH_WORD}", "alice", "/api/tasks", {"search": SEARCH_WORD}),
        Scenario("tasks: filter=<JSON-Logic>", "alice", "/api/tasks", {"filter": JSON_FILTER}),
        Scenario("tasks: project_id=", "alice", "/api/tasks", {"project_id": str(seeded.busiest_project)}),
        Scenario("tasks: X-Organization", "alice", "/api/tasks", {}, org),
        Scenario("tasks: X-Org + sort=-updated_date", "bob", "/api/tasks", {"sort": "-updated_date"}, org),
        Scenario("projects: default page", "alice", "/api/projects"),
        Scenario("projects: default page", "admin", "/api/projects"),
        Scenario("jobs: default page", "alice", "/api/jobs"),
        Scenario("jobs: default page", "admin", "/api/jobs"),
    ]


HEADLINE = 0  # index of the scenario the last line reports


@dataclass
class Result:
    scenario: Scenario
    count: int = 0
    rows: int = 0
    times_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    sql_ms: float | None = None
    app_ms: float | None = None
    error: str | None = None

    def p(self, q: float) -> float:
        values = sorted(self.times_ms)
        if not values:
            return float("nan")
        k = (len(values) - 1) * q
        lo, hi = int(k), min(int(k) + 1, len(values) - 1)
        return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure(get: Any, keys: dict[str, str], plan: list[Scenario], warmup: int, n: int) -> list[Result]:
    """`get(path, params, headers) -> (status, body bytes)`; times the whole round trip."""
    results = []
    for sc in plan:
        res = Result(sc)
        headers = {"Authorization": f"Token {keys[sc.user]}", **sc.headers}
        for i in range(warmup + n):
            t0 = time.perf_counter()
            status, body = get(sc.path, sc.params, headers)
            elapsed = (time.perf_counter() - t0) * 1000
            if status != 200:
                res.error = f"HTTP {status}: {body[:200]!r}"
                break
            if i >= warmup:
                res.times_ms.append(elapsed)
            if i == 0:
                data = json.loads(body)
                res.count, res.rows = data["count"], len(data["results"])
        results.append(res)
    return results


def query_stats(keys: dict[str, str], results: list[Result], samples: int = 5) -> None:
    """In-process (TestClient): SQL statements per request, SQL time and total handler time (p50)."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from contour.app import create_app
    from contour.db import get_engine

    engine = get_engine()
    state = {"n": 0, "sql": 0.0, "t0": 0.0}

    def before(*_a: Any) -> None:
        state["t0"] = time.perf_counter()

    def after(*_a: Any) -> None:
        state["n"] += 1
        state["sql"] += time.perf_counter() - state["t0"]

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        client = TestClient(create_app())
        for res in results:
            sc = res.scenario
            headers = {"Authorization": f"Token {keys[sc.user]}", **sc.headers}
            counts, sqls, totals = [], [], []
            for _ in range(samples + 1):
                state.update(n=0, sql=0.0)
                t0 = time.perf_counter()
                client.get(sc.path, params=sc.params, headers=headers)
                totals.append((time.perf_counter() - t0) * 1000)
                counts.append(state["n"])
                sqls.append(state["sql"] * 1000)
            res.queries = counts[-1]
            res.sql_ms = statistics.median(sqls[1:])
            res.app_ms = statistics.median(totals[1:])
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def print_table(results: list[Result], backend: str, mode: str) -> None:
    header = (f"{'scenario':<36} {'user':<6} {'count':>6} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8}"
              f" {'queries':>7} {'sql ms':>7} {'app ms':>7}")
    print(f"\nGET latency over HTTP ({mode}; {backend}); queries/sql/app: in-process p50 per request")
    print(header)
    print("-" * len(header))

    def fmt(v: float | int | None, spec: str) -> str:
        return format("-", ">7") if v is None else format(v, spec)

    for r in results:
        sc = r.scenario
        if r.error:
            print(f"{sc.label:<36} {sc.user:<6} ERROR {r.error}")
            continue
        print(f"{sc.label:<36} {sc.user:<6} {r.count:>6} {r.rows:>5} {r.p(0.5):>8.1f} {r.p(0.95):>8.1f}"
              f" {fmt(r.queries, '>7d')} {fmt(r.sql_ms, '>7.1f')} {fmt(r.app_ms, '>7.1f')}")


# --------------------------------------------------------------------------- main


def run(args: argparse.Namespace, database_url: str | None, tmp: Path) -> None:
    os.environ["CONTOUR_DATA_DIR"] = str(tmp / "data")
    os.environ["CONTOUR_ARGON2_TIME_COST"] = "1"
    os.environ["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"
    os.environ.pop("CONTOUR_REDIS_URL", None)
    if database_url:
        os.environ["CONTOUR_DATABASE_URL"] = database_url
    else:
        os.environ.pop("CONTOUR_DATABASE_URL", None)

    # Settings are read once: import contour only after the environment is in place.
    from contour.config import get_settings
    from contour.db import get_engine
    from contour.migrations import upgrade

    url = get_settings().resolved_database_url
    backend = get_engine().dialect.name
    try:
        t0 = time.perf_counter()
        upgrade(url)
        if backend == "sqlite":
            backend += " (ANALYZEd)" if args.sqlite_analyze else " (no ANALYZE statistics, as the server ships)"
        print(f"backend: {backend}; migrations: {time.perf_counter() - t0:.1f} s", flush=True)
        seeded = seed(args.tasks, args.projects, random.Random(args.seed), args.sqlite_analyze)
        print(f"seeded {seeded.tasks:,} tasks, {len(seeded.project_ids)} projects, {seeded.jobs:,} jobs, "
              f"{len(seeded.users)} users in {seeded.seconds:.1f} s", flush=True)
        plan = scenarios(seeded)
        keys = api_keys(sorted({sc.user for sc in plan}))

        if args.in_process:
            from fastapi.testclient import TestClient

            from contour.app import create_app

            client = TestClient(create_app())

            def get(path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
                r = client.get(path, params=params, headers=headers)
                return r.status_code, r.content

            results = measure(get, keys, plan, args.warmup, args.requests)
            mode = "in-process TestClient"
        else:
            import httpx2

            with http_server(dict(os.environ), tmp / "server.log") as server:
                with httpx2.Client(base_url=server.base, timeout=60) as client:

                    def get(path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, bytes]:
                        r = client.get(path, params=params, headers=headers)
                        return r.status_code, r.content

                    t0 = time.perf_counter()
                    results = measure(get, keys, plan, args.warmup, args.requests)
                    print(f"{sum(len(r.times_ms) for r in results)} timed requests in "
                          f"{time.perf_counter() - t0:.1f} s", flush=True)
            mode = "uvicorn `contour serve` subprocess, keep-alive"
        if not args.no_query_stats:
            query_stats(keys, results)
        print_table(results, backend, mode)
        head = results[HEADLINE]
        print(f"\np50 latency per page (GET /api/tasks, {seeded.tasks:,} tasks, page_size=10): {head.p(0.5):.1f} ms")
    finally:
        get_engine().dispose()


def main() -> None:
    args = parse_args()
    run_with_database(args, lambda database_url, tmp: run(args, database_url, tmp))


if __name__ == "__main__":
    main()
