"""Load: gunicorn on PostgreSQL with the demo data, 1, 20 and 50 concurrent clients; slow clients.

    POSTGRES_DB=magellan_load .venv/bin/python benchmarks/load.py [--workers 4] [--clients 1,20,50]
        [--requests 30] [--seconds 90] [--nginx] [--slow-clients 3] [--skip-setup]

Needs a scratch PostgreSQL database (POSTGRES_DB and the other POSTGRES_* variables): it migrates it and
loads the demo data once. Starts gunicorn (sync workers, the production settings) on a loopback port,
with nginx in front when --nginx is given (Debian's package; the configuration is
deploy/nginx/magellan-proxy.conf, the one production includes). Each client signs in (a fellow or a
coach, alternately, with the demo accounts' passwords), then asks for a realistic mix of pages in turn,
at most --requests requests each and --seconds in all per level. Loopback only.

Prints per level and page: requests, p50, p95, p99 (ms), errors (anything but 200, or no answer within
30 s), and the ratio of the page's p95 to the login page's p95 in the same run (the login page, asked
anonymously, is the floor: the same Django, middleware and template engine, no query). Targets: zero
errors at 50 clients; p95 at 20 clients within 3x the login page's.

Then the slow-client case: --slow-clients connections send a request's headers one byte a second while
a normal client asks for the login page; prints how long it waited, straight to gunicorn and, with
--nginx, through nginx.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

# (label, path) per role: what a fellow and a coach open in a week, the heavier pages included.
FELLOW_PAGES = [
    ("accueil (tableau de bord)", "/"),
    ("mes séances", "/programme/"),
    ("calendrier", "/programme/calendrier/"),
    ("annuaire des personnes", "/personnes/"),
    ("défis", "/defis/"),
    ("entraide", "/entraide/"),
    ("bureau d’aide", "/aide/"),
    ("bulletins", "/bulletins/"),
    ("carnet de bord", "/carnet-de-bord/"),
    ("évaluation", "/evaluation/"),
    ("recherche", "/recherche/?q=donn%C3%A9es"),
]
COACH_PAGES = [
    ("accueil (tableau de bord)", "/"),
    ("calendrier", "/programme/calendrier/"),
    ("annuaire des personnes", "/personnes/"),
    ("bureau d’aide", "/aide/"),
    ("bulletins", "/bulletins/"),
    ("évaluation", "/evaluation/"),
    ("indicateurs", "/indicateurs/"),
    ("valeurs des défis", "/valeurs/"),
    ("recherche", "/recherche/?q=donn%C3%A9es"),
]
LOGIN_PAGE = ("connexion (anonyme)", "/compte/connexion/")
ACCOUNTS = {
    "fellow": ("eig@demo.magellan.test", "demo-eig-magellan"),
    "coach": ("coach@demo.magellan.test", "demo-coach-magellan"),
}
TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(static_root: Path) -> dict[str, str]:
    if not os.environ.get("POSTGRES_DB"):
        raise SystemExit(
            "Set POSTGRES_DB (and POSTGRES_USER, POSTGRES_PASSWORD…) to a scratch database."
        )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="load-benchmark-only-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        MAGELLAN_SITE_URL="http://127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        MAGELLAN_CACHE_DIR=tempfile.mkdtemp(prefix="magellan-load-cache-"),
        MAGELLAN_TRUSTED_PROXIES="127.0.0.1",
        # Every client signs in from 127.0.0.1: the benchmark is not a password-guessing attack.
        MAGELLAN_LOGIN_FAILURE_LIMIT="100000",
        LOG_LEVEL="WARNING",
    )
    return env


def setup(env: dict[str, str], *, skip: bool) -> None:
    steps = [["collectstatic", "--noinput", "-v0"]]
    if not skip:
        steps = [["migrate", "--noinput", "-v0"], ["load_demo"], *steps]
    for step in steps:
        started = time.perf_counter()
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True)  # noqa: S603
        print(f"setup: manage.py {step[0]} {time.perf_counter() - started:.1f} s")


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S603
        [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(port)
    return process


def start_nginx(port: int, upstream: int, folder: Path) -> subprocess.Popen[bytes]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("--nginx needs nginx (Debian: apt-get install nginx)")
    for sub in ("logs", "temp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    shared = (ROOT / "deploy" / "nginx" / "magellan-proxy.conf").resolve()
    config = folder / "nginx.conf"
    config.write_text(
        f"""
worker_processes 1;
error_log {folder}/logs/error.log warn;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    upstream magellan_app {{ server 127.0.0.1:{upstream}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        include {shared};
    }}
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(port)
    return process


@dataclass
class Client:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, float]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, content, time.perf_counter() - started
        finally:
            connection.close()

    def sign_in(self, role: str) -> None:
        email, password = ACCOUNTS[role]
        status, content, _ = self.request("GET", LOGIN_PAGE[1])
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or match is None:
            raise RuntimeError(f"login page answered {status}")
        form = {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": email,
            "password": password,
        }
        status, _, _ = self.request("POST", LOGIN_PAGE[1], urlencode(form))
        if status != 302:
            raise RuntimeError(f"sign-in as {role} answered {status}")


def run_level(port: int, clients: int, requests: int, seconds: float) -> dict[str, list[float]]:
    """Every client's timings, by page label; errors are recorded as negative durations."""
    timings: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    start = threading.Barrier(clients)

    def one(index: int) -> None:
        role = "fellow" if index % 2 == 0 else "coach"
        pages = FELLOW_PAGES if role == "fellow" else COACH_PAGES
        client = Client(port)
        anonymous = Client(port)
        try:
            client.sign_in(role)
        except (OSError, RuntimeError):
            with lock:
                timings["connexion (POST)"].append(-1.0)
            start.wait()
            return
        start.wait()
        for turn in range(requests):
            if time.monotonic() > deadline:
                break
            # One request in four is the anonymous login page: the floor, measured under the same load.
            if turn % 4 == 0:
                label, path, who = LOGIN_PAGE[0], LOGIN_PAGE[1], anonymous
                anonymous.cookies.clear()
            else:
                label, path = pages[(index + turn) % len(pages)]
                who = client
            try:
                status, _, elapsed = who.request("GET", path)
            except OSError:
                status, elapsed = 0, TIMEOUT
            with lock:
                timings[f"{label} [{role}]" if who is client else label].append(
                    elapsed if status == 200 else -elapsed - 1e-9
                )

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def quantile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def report(clients: int, timings: dict[str, list[float]], wall: float) -> tuple[int, float]:
    """Prints the level's table; returns (errors, worst p95 ratio to the login page)."""
    login = [t for t in timings.get(LOGIN_PAGE[0], []) if t >= 0]
    login_p95 = quantile(login, 0.95) if login else float("nan")
    total = sum(len(v) for v in timings.values())
    errors_all = sum(1 for v in timings.values() for t in v if t < 0)
    print(
        f"\n{clients} client(s): {total} requests in {wall:.1f} s "
        f"({total / wall:.1f}/s), {errors_all} errors"
    )
    print(f"{'page':44} {'n':>4} {'p50':>7} {'p95':>7} {'p99':>7} {'err':>4} {'p95/login':>9}")
    worst = 0.0
    for label in sorted(timings):
        values = timings[label]
        ok = sorted(t * 1000 for t in values if t >= 0)
        errors = len(values) - len(ok)
        if not ok:
            print(f"{label:44} {len(values):>4} {'—':>7} {'—':>7} {'—':>7} {errors:>4}")
            continue
        p50, p95, p99 = (quantile(ok, q) for q in (0.5, 0.95, 0.99))
        ratio = p95 / (login_p95 * 1000) if login else float("nan")
        if label != LOGIN_PAGE[0]:
            worst = max(worst, ratio)
        print(
            f"{label:44} {len(values):>4} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f} {errors:>4} {ratio:>9.2f}"
        )
    return errors_all, worst


def slow_clients(port: int, count: int, hold: float) -> float:
    """Seconds a normal request waits while `count` clients trickle their headers (byte a second)."""
    stop = threading.Event()
    payload = b"GET /compte/connexion/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200

    def trickle() -> None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                for byte in payload:
                    if stop.is_set():
                        return
                    sock.sendall(bytes([byte]))
                    time.sleep(1.0)
        except OSError:
            return

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(hold)  # let them take what they can
    started = time.perf_counter()
    try:
        status, _, _ = Client(port).request("GET", LOGIN_PAGE[1])
        waited = time.perf_counter() - started if status == 200 else float("inf")
    except OSError:
        waited = float("inf")
    stop.set()
    return waited


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", default="1,20,50")
    parser.add_argument("--requests", type=int, default=30, help="per client and level")
    parser.add_argument("--seconds", type=float, default=90, help="per level, at most")
    parser.add_argument("--nginx", action="store_true", help="measure through nginx too")
    parser.add_argument(
        "--slow-clients", type=int, default=None, help="default: as many as workers"
    )
    parser.add_argument("--skip-setup", action="store_true", help="the database is ready")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="magellan-load-"))
    # Kept between runs: collectstatic compresses every file once (minutes), then copies nothing.
    env = environment(ROOT / "var" / "load-static")
    setup(env, skip=args.skip_setup)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        app_port = free_port()
        processes.append(start_gunicorn(env, app_port, args.workers))
        front_port = app_port
        if args.nginx:
            front_port = free_port()
            processes.append(start_nginx(front_port, app_port, folder / "nginx"))
        Client(front_port).request("GET", LOGIN_PAGE[1])  # warm every worker's first import
        print(
            f"gunicorn: {args.workers} sync workers on PostgreSQL ({os.environ['POSTGRES_DB']}), "
            f"demo data; {'through nginx' if args.nginx else 'direct'}; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        summary = []
        for clients in (int(c) for c in args.clients.split(",")):
            started = time.perf_counter()
            timings = run_level(front_port, clients, args.requests, args.seconds)
            errors, worst = report(clients, timings, time.perf_counter() - started)
            summary.append((clients, errors, worst))
        print("\nsummary: clients, errors, worst page p95 / login p95")
        for clients, errors, worst in summary:
            print(f"  {clients:>3}  {errors:>5}  {worst:.2f}")
        slow = args.workers if args.slow_clients is None else args.slow_clients
        if slow:
            print(f"\nslow clients: {slow} sending their headers one byte a second")
            # Through nginx first: the direct case leaves gunicorn's workers stuck until its timeout.
            if args.nginx:
                proxied = slow_clients(front_port, slow, hold=3)
                print(
                    "  through nginx: the login page waited "
                    + (f"{proxied:.2f} s" if proxied != float("inf") else "for ever (no answer)")
                )
            direct = slow_clients(app_port, slow, hold=3)
            print(
                f"  straight to gunicorn ({args.workers} workers): the login page waited "
                + (
                    f"{direct:.2f} s"
                    if direct != float("inf")
                    else f"over {TIMEOUT:.0f} s (no answer)"
                )
            )
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
