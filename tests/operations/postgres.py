"""Helpers for the operations tests: the suite's PostgreSQL connection as command-line arguments,
and a private PostgreSQL server (own data folder, own port) that a test may stop and restart
without touching the server the rest of the suite runs on."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from django.db import connection


def bin_dir() -> Path | None:
    """PostgreSQL's server programs (initdb, pg_ctl), or None when they are not installed."""
    found = shutil.which("pg_config")
    if found:
        done = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)  # noqa: S603
        candidate = Path(done.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    return None


def client_env() -> dict[str, str]:
    """The environment that points pg_dump, psql and Magellan at the suite's test database."""
    settings = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=str(settings["HOST"] or "127.0.0.1"),
        PGPORT=str(settings["PORT"] or "5432"),
        PGUSER=str(settings["USER"]),
        PGPASSWORD=str(settings["PASSWORD"]),
        PGDATABASE=str(settings["NAME"]),
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PrivateServer:
    bindir: Path
    folder: Path
    port: int

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(PGHOST="127.0.0.1", PGPORT=str(self.port), PGUSER="postgres", PGPASSWORD="")
        env.pop("PGDATABASE", None)
        return env


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    """A throwaway PostgreSQL cluster on a free loopback port, trusting local connections (in a
    folder of its own under the system's temporary folder: as root, the server runs as postgres,
    which must reach it)."""
    bindir = bin_dir()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="magellan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    server = PrivateServer(bindir=bindir, folder=folder, port=free_port())
    server._run(
        "initdb",
        "-D",
        str(folder / "data"),
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale",
        "C.UTF-8",
    )
    server.start()
    try:
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
