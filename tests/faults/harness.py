"""Real `contour serve` / `contour worker` processes that tests kill with SIGKILL and start again on the same data.

A process's descendants (the chunk-building fork server and its pool workers) are recorded before the kill,
so a test can check that none outlives it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.live_server import CONTOUR, LiveServer, free_port, server_env, stop_process, wait_until_serving


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if state[state.rindex(")") + 2] != "Z":  # a zombie has exited; only its parent has to reap it
            living.add(pid)
    return living


@dataclass
class Installation:
    """One data directory (and database) that servers and workers come and go on."""

    data_dir: Path
    extra_env: Mapping[str, str] = field(default_factory=dict)
    logs: list[Path] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return server_env(self.data_dir, self.extra_env)

    def start(self, *args: str, name: str) -> subprocess.Popen[bytes]:
        log = self.data_dir / f"{name}-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            return subprocess.Popen([CONTOUR, *args], env=self.env(), stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)

    def serve(self) -> Server:
        port = free_port()
        process = self.start("serve", "--host", "127.0.0.1", "--port", str(port), name="serve")
        server = Server(process, f"http://127.0.0.1:{port}")
        server.wait_until_serving(self)
        return server

    def worker(self) -> subprocess.Popen[bytes]:
        return self.start("worker", "--threads", "1", name="worker")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
                         for log in self.logs if log.exists())


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str

    def wait_until_serving(self, installation: Installation) -> None:
        log = installation.logs[-1]
        wait_until_serving(self.process, LiveServer(self.url, installation.data_dir, log))

    def stop(self) -> None:
        stop_process(self.process)


def kill(process: subprocess.Popen[bytes]) -> set[int]:
    """SIGKILL `process` (no clean-up of its own runs); returns the descendants it had."""
    below = descendants(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return below


def wait_until_gone(pids: set[int], timeout_s: float = 10.0) -> set[int]:
    """The pids still alive after `timeout_s` (empty when all are gone)."""
    deadline = time.monotonic() + timeout_s
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)
