"""Synthetic EIG-like cohorts: gap to the balanced-count bound, rotations, memory at n = 960.

    .venv/bin/python benchmarks/cohort.py [--time 10] [--seeds 2] [--checks cohorts,rotation,memory]

Cohorts of n = 60, 120, 200 people in groups of 5, mixing profession (weight 3), administration
(2) and gender (1), with challenges of 2 to 4 people (one administration each) kept apart.
Everything is recomputed here from the returned groups: kept-apart violations, same-category
pairs, the lower bound, repeated encounters. Rows go to benchmarks/results/cohort-<time>.csv.
"""

from __future__ import annotations

import os

os.environ.setdefault("NUMBA_NUM_THREADS", "1")

import argparse  # the thread limit above must be set before numba loads
import csv
import itertools
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results"

from magellan.engine import (  # noqa: E402 - after the sys.path set-up for direct runs
    CategoricalCriterion,
    GroupingProblem,
    History,
    KeepApart,
    MaxIterations,
    MaxRuntime,
    Person,
    RotationProblem,
    solve,
)

PROFESSIONS = {"dev": 0.45, "data": 0.3, "design": 0.15, "product": 0.1}
CRITERIA = (
    CategoricalCriterion("profession", 3.0),
    CategoricalCriterion("administration", 2.0),
    CategoricalCriterion("gender", 1.0),
)


def cohort(n: int, seed: int) -> tuple[Person, ...]:
    """n fellows in challenges of 2-4; a challenge belongs to one administration."""
    rng = np.random.default_rng(seed)
    administrations = [f"adm{k}" for k in range(max(3, n // 8))]
    popularity = 1.0 / np.arange(1, len(administrations) + 1)
    popularity /= popularity.sum()
    people: list[Person] = []
    challenge = 0
    while len(people) < n:
        size = min(int(rng.integers(2, 5)), n - len(people))
        administration = str(rng.choice(administrations, p=popularity))
        for _ in range(size):
            people.append(
                Person(
                    f"f{len(people):03d}",
                    {
                        "profession": str(
                            rng.choice(list(PROFESSIONS), p=list(PROFESSIONS.values()))
                        ),
                        "administration": administration,
                        "gender": str(rng.choice(["f", "m"], p=[0.45, 0.55])),
                        "challenge": f"ch{challenge:03d}",
                    },
                )
            )
        challenge += 1
    return tuple(people)


def groups_of(session: dict[str, int]) -> list[list[str]]:
    out: dict[int, list[str]] = {}
    for pid, g in session.items():
        out.setdefault(g, []).append(pid)
    return list(out.values())


def check_cohort(people: tuple[Person, ...], session: dict[str, int], m: int) -> dict:
    """Independent recomputation: violations, weighted same pairs, balanced-count bound."""
    attrs = {p.id: p.attributes for p in people}
    violations = cost = bound = 0.0
    for members in groups_of(session):
        for a, b in itertools.combinations(members, 2):
            violations += attrs[a]["challenge"] == attrs[b]["challenge"]
            for crit in CRITERIA:
                cost += crit.weight * (attrs[a][crit.attribute] == attrs[b][crit.attribute])
    for crit in CRITERIA:
        for count in Counter(p.attributes[crit.attribute] for p in people).values():
            q, r = divmod(count, m)
            bound += crit.weight * (r * q * (q + 1) / 2 + (m - r) * q * (q - 1) / 2)
    return {"violations": int(violations), "cost": cost, "bound": bound}


def repeats(schedule: list[dict[str, int]], history: list[dict[str, int]] = ()) -> int:
    met: Counter = Counter()
    for session in [*history, *schedule]:
        for members in groups_of(session):
            for pair in itertools.combinations(sorted(members), 2):
                met[pair] += 1
    return sum(c - 1 for c in met.values() if c > 1)


def run_cohorts(budget: float, seeds: int, writer: csv.DictWriter) -> None:
    print(f"\nCohorts (groups of 5, {budget:g} s CPU each)")
    print(
        f"{'n':>4} {'seed':>4} {'cost':>7} {'bound':>7} {'gap %':>7} {'apart viol.':>11} {'cpu s':>6}"
    )
    for n in (60, 120, 200):
        for seed in range(1, seeds + 1):
            people = cohort(n, seed)
            problem = GroupingProblem(
                people=people, criteria=CRITERIA, constraints=(KeepApart("challenge"),), size=5
            )
            started = time.process_time()
            result = solve(problem, seed=seed, stop=MaxRuntime(budget))
            cpu = time.process_time() - started
            m = len(set(result.assignment.values()))
            check = check_cohort(people, dict(result.assignment), m)
            gap = 100 * (check["cost"] - check["bound"]) / check["bound"]
            print(f"{n:>4} {seed:>4} {check['cost']:>7g} {check['bound']:>7g} {gap:>7.2f} "
                  f"{check['violations']:>11} {cpu:>6.1f}")  # fmt: skip
            writer.writerow(
                {
                    "check": "cohort",
                    "n": n,
                    "seed": seed,
                    "cost": check["cost"],
                    "bound": check["bound"],
                    "gap_pct": round(gap, 3),
                    "violations": check["violations"],
                    "cpu_s": round(cpu, 2),
                }
            )


def run_rotation(budget: float, writer: csv.DictWriter) -> None:
    print("\nRotations")
    golfers = tuple(Person(f"g{i}") for i in range(32))
    started = time.process_time()
    result = solve(
        RotationProblem(people=golfers, sessions=9, groups=8, min_size=4, max_size=4),
        seed=1,
        stop=MaxRuntime(budget),
    )
    cpu = time.process_time() - started
    count = repeats([dict(s) for s in result.schedule])
    print(f"social golfer 8-4-9: {count} repeated encounters, {cpu:.2f} s CPU")
    writer.writerow({"check": "golfer-8-4-9", "n": 32, "seed": 1, "repeats": count,
                     "cpu_s": round(cpu, 2)})  # fmt: skip

    for seed in (1, 2, 3):
        people = cohort(45, seed)
        started = time.process_time()
        result = solve(
            RotationProblem(
                people=people,
                sessions=6,
                size=5,
                criteria=CRITERIA,
                constraints=(KeepApart("challenge"),),
            ),
            seed=seed,
            stop=MaxRuntime(budget),
        )
        cpu = time.process_time() - started
        schedule = [dict(s) for s in result.schedule]
        count = repeats(schedule)
        violations = sum(check_cohort(people, s, 9)["violations"] for s in schedule)
        print(f"45 fellows x 6 sessions (seed {seed}): {count} repeats, "
              f"{violations} kept-apart violations, {cpu:.2f} s CPU")  # fmt: skip
        writer.writerow({"check": "cohort45-6-sessions", "n": 45, "seed": seed, "repeats": count,
                         "violations": violations, "cpu_s": round(cpu, 2)})  # fmt: skip

    people = cohort(120, 1)
    history: list[dict[str, int]] = []
    started = time.process_time()
    for session in range(8):
        result = solve(
            RotationProblem(
                people=people,
                size=5,
                criteria=CRITERIA,
                constraints=(KeepApart("challenge"),),
                history=History(sessions=tuple(history)),
            ),
            seed=session,
            stop=MaxIterations(30),
        )
        history.append(dict(result.assignment))
    cpu = time.process_time() - started
    count = repeats(history)
    print(f"120 fellows, 8 sessions planned one at a time with history: {count} repeats, "
          f"{cpu:.1f} s CPU")  # fmt: skip
    writer.writerow({"check": "cohort120-chained-8", "n": 120, "seed": 0, "repeats": count,
                     "cpu_s": round(cpu, 2)})  # fmt: skip


MEMORY_CHILD = """
import resource, sys, time
import numpy as np
sys.path.insert(0, {repo!r})
from magellan.engine import MatrixProblem, MaxRuntime, solve
rng = np.random.default_rng(0)
d = rng.random((960, 960)) * 100
d = np.triu(d, 1)
d = d + d.T
problem = MatrixProblem(d, (24,) * 40, (24,) * 40)
result = solve(problem, seed=1, stop=MaxRuntime({budget}))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{peak:.0f}} {{result.objective:.1f}} {{result.rounds}} {{result.feasible}}")
"""


def run_memory(budget: float, writer: csv.DictWriter) -> None:
    code = MEMORY_CHILD.format(repo=str(REPO), budget=budget)
    started = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    proc = subprocess.run(  # noqa: S603 - our own interpreter with a fixed script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - started
    peak, objective, rounds, feasible = proc.stdout.split()
    print(f"\nn = 960 random matrix, 40 groups of 24, {budget:g} s: peak RSS {peak} MB, "
          f"f = {objective}, {rounds} rounds, feasible {feasible}, process CPU {cpu:.1f} s")  # fmt: skip
    writer.writerow({"check": "memory-n960", "n": 960, "seed": 1, "peak_mb": peak,
                     "cpu_s": round(cpu, 2)})  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time", type=float, default=10.0, help="CPU seconds per run")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--checks", default="cohorts,rotation,memory")
    args = parser.parse_args(argv)
    checks = set(args.checks.split(","))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"cohort-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    fields = ["check", "n", "seed", "cost", "bound", "gap_pct", "violations", "repeats",
              "peak_mb", "cpu_s"]  # fmt: skip
    # warm the JIT cache outside the budgets
    solve(
        RotationProblem(people=cohort(20, 0), sessions=2, size=5, criteria=CRITERIA),
        seed=0,
        stop=MaxIterations(2),
    )
    with open(out, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        if "cohorts" in checks:
            run_cohorts(args.time, args.seeds, writer)
        if "rotation" in checks:
            run_rotation(args.time, writer)
        if "memory" in checks:
            run_memory(args.time, writer)
    print(f"\nrows in {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
