"""MDGPLIB benchmark of magellan.engine, following the shared kit's protocol.

    .venv/bin/python benchmarks/mdgp.py --tier smoke|standard|full [--seeds 5] [--jobs 2]
    .venv/bin/python benchmarks/mdgp.py --instances 'RanReal_n120_*' --time 3 --seeds 2

Each run gets a CPU-time budget (time.process_time, one thread, JIT warm-up and file loading
excluded); its assignment is re-read and re-evaluated here, independently of the solver
(feasibility and objective), and compared with ref = max(bkv.csv, best value stored by us).
Rows ``solver,commit,instance,seed,budget_s,cpu_s,wall_s,f,gap_pct,feasible`` go to
benchmarks/results/mdgp-<tier>-<time>.csv; better assignments than ref go to
benchmarks/results/best_known.csv (instance,f,assignment).
"""

from __future__ import annotations

import os

os.environ.setdefault("NUMBA_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # the thread limits above must be set before numpy and numba load
import csv
import fnmatch
import gzip
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results"
FIELDS = ["solver", "commit", "instance", "seed", "budget_s", "cpu_s", "wall_s", "f", "gap_pct",
          "feasible"]  # fmt: skip


def load(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Our own reader, independent of the engine's: distances, lower and upper bounds."""
    with gzip.open(path, "rt") if path.name.endswith(".gz") else open(path) as handle:
        header, body = handle.read().split("\n", 1)
    head = header.split()
    n, m = int(head[0]), int(head[1])
    bounds = np.array(head[3 : 3 + 2 * m], dtype=np.int64)
    triples = np.array(body.split(), dtype=np.float64).reshape(-1, 3)
    d = np.zeros((n, n))
    i, j = triples[:, 0].astype(np.int64), triples[:, 1].astype(np.int64)
    d[i, j] = triples[:, 2]
    d[j, i] = triples[:, 2]
    return d, bounds[0::2], bounds[1::2]


def evaluate(d: np.ndarray, lo: np.ndarray, hi: np.ndarray, a: list[int]) -> tuple[float, bool]:
    labels = np.asarray(a)
    if labels.shape != (d.shape[0],) or labels.min() < 0 or labels.max() >= len(lo):
        return float("nan"), False
    sizes = np.bincount(labels, minlength=len(lo))
    feasible = bool(np.all(sizes >= lo) and np.all(sizes <= hi))
    same = labels[:, None] == labels[None, :]
    return float(np.triu(d * same, 1).sum()), feasible


def _warm_up() -> None:
    from magellan.engine import MatrixProblem, MaxIterations, solve

    rng = np.random.default_rng(0)
    d = rng.random((24, 24))
    solve(MatrixProblem(d + d.T, (5, 5, 5, 5), (7, 7, 7, 7)), seed=0, stop=MaxIterations(8))
    solve(MatrixProblem(d + d.T, (6, 6, 6, 6), (6, 6, 6, 6)), seed=0, stop=MaxIterations(8))


_WARM = False


def run_one(task: tuple[str, str, int, float]) -> dict:
    global _WARM
    from magellan.engine import MaxRuntime, solve
    from magellan.engine.mdgplib import read_instance

    path, name, seed, budget = task
    if not _WARM:
        _warm_up()
        _WARM = True
    problem = read_instance(path)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = solve(problem, seed=seed, stop=MaxRuntime(budget))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    d, lo, hi = load(Path(path))
    f, feasible = evaluate(d, lo, hi, list(result.assignment))
    return {
        "instance": name,
        "seed": seed,
        "budget_s": budget,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "f": f,
        "feasible": feasible,
        "assignment": result.assignment,
    }


def tier_tasks(tier: str, kit: Path, seeds: int | None, budget: float | None) -> list[tuple]:
    inst = kit / "instances"
    names = sorted(p.name.removesuffix(".txt.gz") for p in inst.glob("*.txt.gz"))
    plan: list[tuple[list[str], float, int]] = []
    if tier == "smoke":
        smoke = [f"{f}_n120_{t}_01" for f in ("RanReal", "RanInt", "Geo") for t in ("ss", "ds")]
        plan.append((smoke, 3.0, 1))
    elif tier == "standard":
        plan.append(([x for x in names if "_n120_" in x], 3.0, 5))
        plan.append(([x for x in names if "_n240_" in x and x[-2:] in ("01", "02", "03")], 20.0, 3))
    else:
        plan.append(([x for x in names if "_n240_" in x], 20.0, 3))
        plan.append(([x for x in names if "_n480_" in x], 120.0, 3))
    return [
        (str(inst / f"{name}.txt.gz"), name, seed, budget or default_budget)
        for group, default_budget, default_seeds in plan
        for name in group
        for seed in range(1, (seeds or default_seeds) + 1)
    ]


def reference(kit: Path) -> dict[str, float]:
    with open(kit / "bkv.csv", newline="") as handle:
        ref = {row["instance"]: float(row["bkv"]) for row in csv.DictReader(handle)}
    best = RESULTS / "best_known.csv"
    if best.exists():
        with open(best, newline="") as handle:
            for row in csv.DictReader(handle):
                ref[row["instance"]] = max(ref.get(row["instance"], 0.0), float(row["f"]))
    return ref


def store_best(rows: list[dict], ref: dict[str, float], kit: Path) -> int:
    """Keep assignments better than ref (re-evaluated feasible) in best_known.csv."""
    best = RESULTS / "best_known.csv"
    stored: dict[str, dict] = {}
    if best.exists():
        with open(best, newline="") as handle:
            stored = {row["instance"]: row for row in csv.DictReader(handle)}
    improved = 0
    for row in rows:
        name = row["instance"]
        if not row["feasible"] or row["f"] <= ref.get(name, float("inf")) + 1e-6:
            continue
        if name in stored and float(stored[name]["f"]) >= row["f"]:
            continue
        d, lo, hi = load(kit / "instances" / f"{name}.txt.gz")
        f, feasible = evaluate(d, lo, hi, list(row["assignment"]))
        if feasible and abs(f - row["f"]) < 1e-6:
            stored[name] = {
                "instance": name,
                "f": f"{f:.6f}",
                "assignment": " ".join(map(str, row["assignment"])),
            }
            improved += 1
    if improved:
        with open(best, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["instance", "f", "assignment"])
            writer.writeheader()
            writer.writerows(stored[k] for k in sorted(stored))
    return improved


def commit_id() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH, fixed argv
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def summarise(rows: list[dict]) -> None:
    per_instance: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        per_instance[row["instance"]].append(row["gap_pct"])
    means = {name: statistics.fmean(g) for name, g in per_instance.items()}
    families: dict[str, list[float]] = defaultdict(list)
    for name, gap in means.items():
        family, n, kind, _ = name.split("_")
        families[f"{family} {n} {kind}"].append(gap)
        families[f"all {n}"].append(gap)
    print(f"\n{'family':<18} {'instances':>9} {'mean gap %':>11} {'best %':>8} {'worst %':>8}")
    for key in sorted(families):
        gaps = families[key]
        print(f"{key:<18} {len(gaps):>9} {statistics.fmean(gaps):>11.3f} "
              f"{min(gaps):>8.3f} {max(gaps):>8.3f}")  # fmt: skip
    worst = max(means, key=lambda k: means[k])
    print(f"\nworst instance: {worst} (mean gap {means[worst]:.3f} %)")
    print(f"instances with mean gap <= 0: {sum(g <= 0 for g in means.values())} of {len(means)}")
    infeasible = sum(not row["feasible"] for row in rows)
    print(f"runs: {len(rows)}, infeasible: {infeasible}, "
          f"mean cpu {statistics.fmean(r['cpu_s'] for r in rows):.2f} s")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=["smoke", "standard", "full"], default="smoke")
    parser.add_argument("--instances", help="glob on instance names (overrides the tier's list)")
    parser.add_argument("--seeds", type=int, help="seeds 1..N (default: the tier's)")
    parser.add_argument("--time", type=float, help="CPU seconds per run (default: the tier's)")
    parser.add_argument("--jobs", type=int, default=1, help="parallel processes (<= cores)")
    parser.add_argument("--kit", type=Path, default=REPO.parent / "shared" / "benchmarks" / "mdgp")
    parser.add_argument("--solver", default="magellan-tps")
    args = parser.parse_args(argv)
    if not (args.kit / "bkv.csv").exists():
        print(f"no MDGP kit at {args.kit}", file=sys.stderr)
        return 2
    if args.instances:
        tasks = [
            (str(p), p.name.removesuffix(".txt.gz"), seed, args.time or 3.0)
            for p in sorted((args.kit / "instances").glob("*.txt.gz"))
            if fnmatch.fnmatch(p.name.removesuffix(".txt.gz"), args.instances)
            for seed in range(1, (args.seeds or 1) + 1)
        ]
    else:
        tasks = tier_tasks(args.tier, args.kit, args.seeds, args.time)
    ref = reference(args.kit)
    commit = commit_id()
    RESULTS.mkdir(parents=True, exist_ok=True)
    label = "custom" if args.instances else args.tier
    out = RESULTS / f"mdgp-{label}-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    print(f"{len(tasks)} runs, {args.jobs} job(s), results in {out.relative_to(REPO)}")
    rows = []
    with open(out, "w", newline="") as handle, ProcessPoolExecutor(max_workers=args.jobs) as pool:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in pool.map(run_one, tasks):
            row["solver"] = args.solver
            row["commit"] = commit
            row["gap_pct"] = round(
                100 * (ref[row["instance"]] - row["f"]) / ref[row["instance"]], 4
            )
            writer.writerow(row)
            handle.flush()
            rows.append(row)
            print(f"{row['instance']:<22} seed {row['seed']} f={row['f']:.3f} "
                  f"gap={row['gap_pct']:+.3f}% cpu={row['cpu_s']:.2f}s "
                  f"{'' if row['feasible'] else 'INFEASIBLE'}", flush=True)  # fmt: skip
    summarise(rows)
    improved = store_best(rows, ref, args.kit)
    if improved:
        print(f"{improved} new best assignment(s) stored in benchmarks/results/best_known.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
