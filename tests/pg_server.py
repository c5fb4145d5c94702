"""PostgreSQL server for the test suite.

``postgres_url()`` returns ``$KIRJURI_TEST_DATABASE_URL`` when it is set (CI
sets it, see ``.ci/run``).  Otherwise it starts, once per process, a private
throwaway cluster on 127.0.0.1 (initdb into a temp dir, free port, role and
database ``kirjuri``/``kirjuri_test``) that is stopped and removed at exit.
The URL of that private cluster is then also exported as
``KIRJURI_TEST_DATABASE_URL`` so subprocesses started by tests (and a second
import of this module under another name) reuse the same server.

``fresh_database()`` creates a new, empty, uniquely named database on that
server and returns its URL, so every test can start from a clean slate.

Missing server binaries are an error, never a reason to skip tests.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

ENV_VAR = "KIRJURI_TEST_DATABASE_URL"
ROLE = "kirjuri"
PASSWORD = "kirjuri"
DATABASE = "kirjuri_test"

NOT_FOUND_MESSAGE = (
    "PostgreSQL server binaries not found: install the Debian package "
    "'postgresql' (apt-get install postgresql) or set KIRJURI_TEST_DATABASE_URL"
)

#: a throwaway cluster need not survive a power cut: without fsync, DROP DATABASE's checkpoint (which writes
#: out every dirty page of every database the earlier tests made) costs milliseconds instead of a minute,
#: so a test's teardown no longer costs what the tests before it wrote (.ci/run starts its server alike)
THROWAWAY = "\n# tests/pg_server.py: a throwaway cluster\nfsync = off\nfull_page_writes = off\n"

_lock = threading.Lock()
_url: str | None = None
_counter = itertools.count(1)


def _version_key(path: str) -> tuple:
    # /usr/lib/postgresql/15/bin -> (15,)
    version = os.path.basename(os.path.dirname(path))
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def _find_bindir() -> str:
    candidates = [
        d
        for d in glob.glob("/usr/lib/postgresql/*/bin")
        if os.access(os.path.join(d, "initdb"), os.X_OK)
    ]
    if candidates:
        return max(candidates, key=_version_key)
    on_path = shutil.which("initdb")
    if on_path:
        return os.path.dirname(on_path)
    raise RuntimeError(NOT_FOUND_MESSAGE)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Cluster:
    def __init__(self) -> None:
        self.bindir = _find_bindir()
        self.as_root = os.geteuid() == 0
        if self.as_root and shutil.which("runuser") is None:
            raise RuntimeError("running as root but 'runuser' is not available")
        self.tmp = tempfile.mkdtemp(prefix="kirjuri-test-pg.")
        self.data = os.path.join(self.tmp, "data")
        self.sock = os.path.join(self.tmp, "sock")
        self.log = os.path.join(self.tmp, "postgres.log")
        self.port: int | None = None
        self.started = False
        self.owner_pid = os.getpid()
        os.mkdir(self.sock)
        if self.as_root:
            # PostgreSQL refuses to run as root: hand the dir to `postgres`.
            subprocess.run(["chown", "-R", "postgres:", self.tmp], check=True)

    def _cmd(self, name: str, *args: str) -> list[str]:
        cmd = [os.path.join(self.bindir, name), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return cmd

    def _run(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            self._cmd(name, *args),
            cwd=self.tmp,  # the postgres user may not be able to read our cwd
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"{name} failed with exit status {proc.returncode}:\n{proc.stdout}{self._log_tail()}"
            )
        return proc

    def _log_tail(self) -> str:
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return "\n--- postgres.log ---\n" + f.read()[-4000:]
        except OSError:
            return ""

    def start(self) -> str:
        self._run(
            "initdb", "-D", self.data, "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
        )
        with open(os.path.join(self.data, "postgresql.conf"), "a", encoding="utf-8") as conf:
            conf.write(THROWAWAY)
        last: subprocess.CompletedProcess | None = None
        for _ in range(5):  # the free port may be grabbed by someone else
            port = _free_port()
            last = self._run(
                "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60",
                "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {self.sock}",
                "start",
                check=False,
            )
            if last.returncode == 0:
                self.port = port
                self.started = True
                break
        if not self.started:
            raise RuntimeError(f"could not start PostgreSQL:\n{last.stdout if last else ''}{self._log_tail()}")

        deadline = time.monotonic() + 60
        while self._run("pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not become ready" + self._log_tail())
            time.sleep(0.2)

        self._run(
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", self.sock, "-p", str(self.port), "-U", "postgres", "-d", "postgres",
            "-c", f"CREATE ROLE {ROLE} WITH LOGIN CREATEDB CREATEROLE PASSWORD '{PASSWORD}'",
            "-c", f"CREATE DATABASE {DATABASE} OWNER {ROLE}",
        )
        return f"postgresql://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        if os.getpid() != self.owner_pid:
            return  # a forked child exiting must not stop the parent's server
        try:
            if self.started:
                self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
                self.started = False
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def postgres_url() -> str:
    """URL of the test server's ``kirjuri_test`` database (role ``kirjuri``)."""
    global _url
    with _lock:
        if _url is not None:
            return _url
        from_env = os.environ.get(ENV_VAR)
        if from_env:
            _url = from_env
            return _url
        cluster = _Cluster()
        try:
            url = cluster.start()
        except BaseException:
            cluster.stop()
            raise
        atexit.register(cluster.stop)
        os.environ[ENV_VAR] = url
        _url = url
        return _url


def _with_database(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, parts.fragment))


def fresh_database(prefix: str = "t") -> str:
    """Create a new empty database on the test server and return its URL."""
    import psycopg
    from psycopg import sql

    base = postgres_url()
    clean = re.sub(r"[^a-z0-9_]", "_", prefix.lower()) or "t"
    suffix = f"_{os.getpid()}_{next(_counter)}_{uuid.uuid4().hex[:8]}"
    name = clean[: 63 - len(suffix)] + suffix  # identifiers max 63 bytes
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return _with_database(base, name)
