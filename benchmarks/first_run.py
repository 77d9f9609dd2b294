"""The engine's first run after an install: compilation, the first CLI run, the first grouping.

    .venv/bin/python benchmarks/first_run.py [--cache DIR] [--keep] [--instance FILE] [--django]

Fresh-clone style: the kernels' cache folder (``--cache``, default a new temporary folder, never
the project's var/engine-cache unless given) is emptied first, unless ``--keep``. Then, each in
a new process, measured as the CPU (user + system) and wall time of that whole process:

1. ``python -m magellan.engine warm`` (what ``make install`` and ``make run`` do);
2. the first ``python -m magellan.engine mdgp INSTANCE --time 1`` (the issue's measure), and a
   second one;
3. with ``--django``: the first group formation of a fresh process (what the worker's first
   grouping job does: ``grouping.services.form_groups`` on the demo's next diverse-groups session
   with participants), in the database of the current settings (``make run``'s demo data; use
   ``MAGELLAN_VAR_DIR`` to point at a copy): the whole process, and the formation alone.

The instance defaults to MDGPLIB's RanReal_n120_ss_01 from ../shared/benchmarks/mdgp.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KIT = REPO.parent / "shared" / "benchmarks" / "mdgp" / "instances"

GROUPING = """
import json, time
import django
django.setup()
from magellan.engine import warmup
from magellan.grouping import services
from magellan.program.models import GroupingMode, Session
from django.utils import timezone
ready_before = warmup.kernels_ready(rotation=False)
sessions = (Session.objects.filter(format__grouping_mode=GroupingMode.DIVERSE,
                                   starts_at__gte=timezone.now())
            .select_related("format", "cohort").order_by("starts_at"))
for session in sessions:
    if len(services._participants(session)) >= 2:
        break
else:
    raise SystemExit("no upcoming diverse-groups session with participants in this database")
wall, cpu = time.perf_counter(), time.process_time()
grouping = services.form_groups(session=session, seed=1)
print(json.dumps({"session": session.pk, "ready_before": ready_before, "form_wall_s": time.perf_counter() - wall,
                  "form_cpu_s": time.process_time() - cpu, "engine_cpu_s": grouping.cpu_seconds}))
"""


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, str, str]:
    """CPU (user + system) and wall seconds of a child process, with its stdout and stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=False)  # noqa: S603 - our own interpreter and module
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr}")
    return cpu, wall, proc.stdout, proc.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", help="the kernels' cache folder (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="do not empty the cache folder first")
    parser.add_argument("--instance", default=str(KIT / "RanReal_n120_ss_01.txt.gz"))
    parser.add_argument("--django", action="store_true", help="also the first group formation")
    args = parser.parse_args()

    cache = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="engine-cache-"))
    if not args.keep and cache.exists():
        shutil.rmtree(cache)
    env = dict(os.environ, MAGELLAN_ENGINE_CACHE_DIR=str(cache), NUMBA_NUM_THREADS="1")
    python = sys.executable
    print(f"cache folder {cache} ({'kept' if args.keep else 'emptied first'})")
    print(f"{'step':<52} {'cpu_s':>6} {'wall_s':>7}  detail")

    cpu, wall, out, _ = measured([python, "-m", "magellan.engine", "warm"], env)
    print(f"{'python -m magellan.engine warm':<52} {cpu:>6.2f} {wall:>7.2f}  {out.strip()}")
    mdgp = [python, "-m", "magellan.engine", "mdgp", args.instance, "--time", "1", "--seed", "1"]
    for label in ("first", "second"):
        cpu, wall, _, err = measured(mdgp, env)
        detail = err.strip().splitlines()[-1] if err.strip() else ""
        print(f"{label + ' mdgp --time 1 (whole process)':<52} {cpu:>6.2f} {wall:>7.2f}  {detail}")
    if args.django:
        django_env = dict(env)
        django_env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        cpu, wall, out, _ = measured([python, "-c", GROUPING], django_env)
        print(
            f"{'first group formation (whole process)':<52} {cpu:>6.2f} {wall:>7.2f}  {out.strip()}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
