"""Mentoring matches: solve time of 300 needs x 120 mentors, checked optimal against a MILP.

    .venv/bin/python benchmarks/matching.py [--seeds 5] [--repeat 7] [--needs 300] [--mentors 120]
        [--density 0.3] [--capacity 1-4]

Each seed draws an instance (tests/engine/matching_reference.py::random_problem): capacities
uniform in 1-4, about 30 % of the pairs allowed with scores uniform in [-5, 50); the last two
seeds add pins and exclusions. ``solve`` is timed ``--repeat`` times after one untimed call
(imports), and the median wall and CPU times are printed, as is the time to build the problem
(``MatchingProblem`` checks itself when built). Each result is checked here, apart from the
engine's code: every pair allowed, every pin kept, no capacity exceeded, the objective
recomputed, and the number of matches and the total score equal to the optimum of an independent
formulation (two-stage MILP, HiGHS through scipy.optimize.milp). The exit status is 1 if any
check fails. Rows go to benchmarks/results/matching.csv (git-ignored). Target: under 1 s, optimal.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results"

from magellan.engine import MatchingProblem, MatchingResult, solve  # noqa: E402 - after sys.path
from tests.engine.matching_reference import milp_best, random_problem  # noqa: E402

TOLERANCE = 1e-6


def check(problem: MatchingProblem, result: MatchingResult) -> list[str]:
    """Faults of a result, recomputed from the problem and compared with the MILP optimum."""
    faults = []
    capacity = {m.id: m.capacity for m in problem.mentors}
    load: dict[str, int] = {}
    for match in result.assignment:
        pair = (match.need, match.mentor)
        if pair not in problem.scores or pair in problem.exclusions:
            faults.append(f"forbidden pair {pair}")
        load[match.mentor] = load.get(match.mentor, 0) + 1
    faults += [f"{m} over capacity" for m, count in load.items() if count > capacity[m]]
    chosen = {(m.need, m.mentor) for m in result.assignment}
    faults += [f"pin {p} not kept" for p in problem.pins if p not in chosen]
    if len({m.need for m in result.assignment}) != len(result.assignment):
        faults.append("a need matched twice")
    total = math.fsum(problem.scores[p] for p in chosen if p in problem.scores)
    if abs(total - result.objective) > TOLERANCE:
        faults.append(f"objective {result.objective} but the pairs sum to {total}")
    matched, best = milp_best(problem)
    if len(result.assignment) != matched:
        faults.append(f"{len(result.assignment)} matches, the MILP finds {matched}")
    elif abs(total - best) > TOLERANCE * max(1.0, abs(best)):
        faults.append(f"total score {total:.6f}, the MILP finds {best:.6f}")
    return faults


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5, help="instances (seeds 1..N)")
    parser.add_argument("--repeat", type=int, default=7, help="timed solves per instance")
    parser.add_argument("--needs", type=int, default=300)
    parser.add_argument("--mentors", type=int, default=120)
    parser.add_argument("--density", type=float, default=0.3, help="share of pairs allowed")
    parser.add_argument("--capacity", default="1-4", help="capacities uniform in LO-HI")
    args = parser.parse_args()
    lo, _, hi = args.capacity.partition("-")
    if not (lo.isdigit() and hi.isdigit() and int(lo) <= int(hi)):
        parser.error(f"--capacity {args.capacity}: write LO-HI, e.g. 1-4")
    capacity = (int(lo), int(hi))

    print(
        f"{args.needs} needs x {args.mentors} mentors, capacities {args.capacity}, "
        f"{100 * args.density:.0f} % of pairs allowed; median of {args.repeat} solves"
    )
    header = (
        "seed  pairs  pins excl  build_s  solve_wall_s  solve_cpu_s  matched  unmatched  optimal"
    )
    print(header)
    rows = []
    failed = False
    for seed in range(1, args.seeds + 1):
        extra = seed > max(1, args.seeds - 2)  # the last two seeds add pins and exclusions
        drawn = random_problem(
            seed,
            needs=args.needs,
            mentors=args.mentors,
            density=args.density,
            capacity=capacity,
            pins=20 if extra else 0,
            exclusions=200 if extra else 0,
        )
        started = time.perf_counter()
        problem = MatchingProblem(  # built again to time the checks a problem makes on itself
            needs=drawn.needs,
            mentors=drawn.mentors,
            scores=dict(drawn.scores),
            pins=drawn.pins,
            exclusions=drawn.exclusions,
        )
        build = time.perf_counter() - started
        result = solve(problem)  # untimed: imports and first-call costs
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            again = solve(problem)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            if (again.assignment, again.objective) != (result.assignment, result.objective):
                failed = True
                print(f"seed {seed}: a repeated solve gave another result", file=sys.stderr)
        faults = check(problem, result)
        failed = failed or bool(faults)
        wall_s, cpu_s = statistics.median(walls), statistics.median(cpus)
        print(
            f"{seed:>4}  {len(problem.scores):>5}  {len(problem.pins):>4} "
            f"{len(problem.exclusions):>4}  {build:>7.3f}  {wall_s:>12.3f}  {cpu_s:>11.3f}  "
            f"{len(result.assignment):>7}  {len(result.unmatched):>9}  "
            f"{'yes' if not faults else 'NO: ' + '; '.join(faults)}"
        )
        rows.append(
            [
                *(commit(), seed, args.needs, args.mentors, len(problem.scores)),
                *(len(problem.pins), len(problem.exclusions), f"{build:.4f}", f"{wall_s:.4f}"),
                *(f"{cpu_s:.4f}", len(result.assignment), len(result.unmatched)),
                *(f"{result.objective:.4f}", not faults),
            ]
        )
    worst = max(float(r[8]) for r in rows)
    print(f"worst median solve: {worst:.3f} s wall (target < 1 s); all optimal: {not failed}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "matching.csv"
    new = not path.exists()
    with path.open("a", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(
                [
                    *("commit", "seed", "needs", "mentors", "pairs", "pins", "exclusions"),
                    *("build_s", "solve_wall_s", "solve_cpu_s", "matched", "unmatched"),
                    *("objective", "optimal"),
                ]
            )
        writer.writerows(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
