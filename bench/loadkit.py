"""Helpers of bench/load.py: uvicorn servers as subprocesses, and a bounded asyncio + httpx load."""
import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(factory: str, *, env: dict[str, str], workers: int, log: Path, app_dir: str = ".") -> Iterator[str]:
    """`uvicorn --factory FACTORY --workers N` on a free port of 127.0.0.1; yield its base URL once
    /healthz answers; stop the whole process group (supervisor and workers) afterwards, whatever happened."""
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", "--factory", factory, "--app-dir", app_dir, "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning",
           "--timeout-keep-alive", "120"]   # the logged-in clients stay connected while others take their turn
    with open(log, "wb") as out:
        # Own session: Ctrl-C reaches only this script, which then stops the group itself.
        process = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{factory} exited with {process.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{factory} did not answer /healthz within 60 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)   # the group this script created: uvicorn and its workers
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


async def web_login(client: httpx.AsyncClient, email: str, password: str) -> None:
    """As a browser does: the CSRF token from the /login form, then the form post; the session cookie stays in the client."""
    form = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, "no CSRF token on /login"
    response = await client.post("/login", data={"email": email, "password": password, "csrf_token": token.group(1)})
    assert response.status_code == 303 and "/login" not in response.headers.get("location", ""), \
        f"login as {email} failed: {response.status_code}"


@dataclass
class Result:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)   # seconds, every request (errors too)
    errors: Counter = field(default_factory=Counter)        # "HTTP 500" or the exception's class -> count
    size: int = 0                                           # bytes of one answer
    warm_errors: int = 0                                    # errors during the unmeasured warm-up
    turns: list[float] = field(default_factory=list)        # requests/s of each part added

    def add(self, other: "Result") -> None:
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.errors.update(other.errors)
        self.turns.append(other.requests / other.seconds)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000 if ordered else float("nan")


async def hammer(client: httpx.AsyncClient, path: str, *, seconds: float, connections: int) -> Result:
    """`connections` closed loops, each sending the next GET as soon as the last answered, for `seconds`.
    The client's pool holds exactly `connections` keep-alive connections."""
    result = Result()
    started = time.perf_counter()
    deadline = started + seconds

    async def loop() -> None:
        while (sent := time.perf_counter()) < deadline:
            try:
                response = await client.get(path)
                await response.aclose()
                if not 200 <= response.status_code < 300:
                    result.errors[f"HTTP {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                result.errors[type(exc).__name__] += 1
            result.latencies.append(time.perf_counter() - sent)

    await asyncio.gather(*(loop() for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    return result


def client(base: str, connections: int, cookies: httpx.Cookies | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False, cookies=cookies,
                             limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections))
