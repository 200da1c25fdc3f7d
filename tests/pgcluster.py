"""A throwaway PostgreSQL cluster in a temp dir on a free port (tests and benchmarks).

Uses TEST_POSTGRES_URL when set. Otherwise finds initdb (PATH or /usr/lib/postgresql/*/bin)
and starts a private cluster; as root it runs the server as the `postgres` user, since
initdb refuses to run as root.
"""
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def available() -> bool:
    return bool(os.environ.get("TEST_POSTGRES_URL")) or bool(find_bin("initdb") and find_bin("pg_ctl"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextlib.contextmanager
def cluster(dbname: str = "mekong_test") -> Iterator[str]:
    """Yield a SQLAlchemy URL of an empty database; stop and delete the cluster afterwards."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl); apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="mekong-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        root.chmod(0o755)
    port = _free_port()
    run = lambda cmd: subprocess.run(_as_server_user(cmd), check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        options = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        run([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "start"])
        subprocess.run(_as_server_user([find_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port),
                                        "-U", "postgres", dbname]), check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{dbname}"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":  # `python tests/pgcluster.py` keeps one running until Enter: handy by hand.
    with cluster() as url:
        print(url, flush=True)
        input("PostgreSQL running; press Enter to stop. ")
