"""Command line: ``python -m magellan.engine groups|peers|mdgp|match|warm`` (see docs/engine.md)."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from magellan.engine.matching import MatchingResult
from magellan.engine.matching_io import MatchingFormatError, problem_from_json, result_to_json
from magellan.engine.mdgplib import InstanceFormatError, read_instance, write_solution
from magellan.engine.problem import (
    CategoricalCriterion,
    Constraint,
    GroupingProblem,
    History,
    KeepApart,
    KeepTogether,
    PeerGroupProblem,
    Person,
    Pin,
    RotationProblem,
)
from magellan.engine.result import InfeasibleProblem, MatrixResult, Result
from magellan.engine.solve import solve
from magellan.engine.stop import MaxIterations, MaxRuntime
from magellan.engine.warmup import compile_bytecode, configure_cache, ensure_ready

PROG = "python -m magellan.engine"


class CliError(Exception):
    """Bad input: reported as one line on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="Diverse groups, rotations, MDGP instances and mentoring matches."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    for name, helptext in (
        ("groups", "form diverse groups (or a rotation of sessions) from a people CSV"),
        ("peers", "form peer groups: one profession per group, mixed otherwise"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("people", help="CSV with an 'id' column and attribute columns")
        sizes = p.add_argument_group("sizes (give --size, --groups, or --min/--max)")
        sizes.add_argument("--size", type=int, help="target group size")
        sizes.add_argument("--groups", type=int, help="number of groups")
        sizes.add_argument("--min", type=int, dest="min_size", help="minimum group size")
        sizes.add_argument("--max", type=int, dest="max_size", help="maximum group size")
        p.add_argument(
            "--by",
            action="append",
            default=[],
            metavar="ATTR[:WEIGHT]",
            help="mix this attribute (same value in a group costs WEIGHT, default 1)",
        )
        p.add_argument(
            "--apart",
            action="append",
            default=[],
            metavar="ATTR",
            help="people sharing a value of ATTR never share a group",
        )
        p.add_argument(
            "--together",
            action="append",
            default=[],
            metavar="ID,ID,...",
            help="these people share a group",
        )
        p.add_argument(
            "--pin",
            action="append",
            default=[],
            metavar="ID:GROUP",
            help="put ID in GROUP (1-based)",
        )
        p.add_argument("--absent", action="append", default=[], metavar="ID", help="leave ID out")
        p.add_argument("--sessions", type=int, default=1, help="sessions to plan (rotation)")
        p.add_argument(
            "--history",
            action="append",
            default=[],
            metavar="CSV",
            help="past sessions as id,session,group (oldest file first)",
        )
        p.add_argument(
            "--peer",
            metavar="ATTR",
            default="profession" if name == "peers" else None,
            help="peer groups by this attribute (one value per group)",
        )
        _common(p, default_time=10.0)
        p.add_argument("--out", help="write id,session,group to this CSV")

    m = sub.add_parser("mdgp", help="solve an MDGPLIB instance file (.txt or .txt.gz)")
    m.add_argument("instance")
    _common(m, default_time=3.0)
    m.add_argument("--out", help="write one group index per element, one per line")

    x = sub.add_parser("match", help="match mentoring needs to mentors exactly (JSON instance)")
    x.add_argument(
        "instance", help="JSON: needs, mentors with capacities, scores, pins, exclusions"
    )
    x.add_argument("--out", help="write the result JSON here (default: standard output)")
    x.add_argument("--quiet", action="store_true", help="no summary")

    sub.add_parser(
        "warm", help="compile the kernels into the cache folder now (install, deploy, start)"
    )
    return parser


def _common(p: argparse.ArgumentParser, *, default_time: float) -> None:
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time", type=float, default=default_time, help="CPU seconds")
    p.add_argument("--iterations", type=int, help="search rounds instead of time (deterministic)")
    p.add_argument("--quiet", action="store_true", help="no summary, no progress bar")


class _Progress:
    """Stops on CPU time (or rounds) and draws a progress bar on stderr after one second."""

    def __init__(self, seconds: float, iterations: int | None, quiet: bool, out: TextIO) -> None:
        self.clock = MaxRuntime(seconds)
        self.rounds_budget = iterations
        self.rounds = MaxIterations(iterations) if iterations is not None else None
        self.quiet = quiet
        self.out = out
        self.drawn = False
        self.shown = -1

    def __call__(self, best: float) -> bool:
        done = self.rounds(best) if self.rounds is not None else self.clock(best)
        if self.rounds is not None:
            self.clock(best)
        elapsed = self.clock.elapsed
        if not self.quiet and elapsed > 1.0 and self.rounds is None:
            share = min(1.0, elapsed / max(self.clock.seconds, 1e-9))
            percent = int(100 * share)
            if percent == self.shown:
                return done
            self.shown = percent
            bar = "#" * int(30 * share)
            self.out.write(f"\r[{bar:<30}] {100 * share:3.0f}%  best {best:.6g}")
            self.out.flush()
            self.drawn = True
        return done

    def scaled(self, share: float) -> _Progress:
        """Peer groups solve one profession after the other, each with a share of the time."""
        self.close()
        return _Progress(self.clock.seconds * share, self.rounds_budget, self.quiet, self.out)

    def close(self) -> None:
        if self.drawn:
            self.out.write("\n")
            self.out.flush()
            self.drawn = False


def _read_csv(path: str) -> tuple[list[str], list[dict[str, str]]]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {path}: {error}") from None
    if not text.strip():
        raise CliError(f"{path} is empty")
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = [c.strip() for c in (reader.fieldnames or [])]
    rows = [
        {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        for row in reader
    ]
    rows = [row for row in rows if any(row.values())]
    if not rows:
        raise CliError(f"{path} has a header but no rows")
    return columns, rows


def _people(path: str, needed: list[str]) -> tuple[Person, ...]:
    columns, rows = _read_csv(path)
    if "id" not in columns:
        raise CliError(f"{path} has no 'id' column (columns: {', '.join(columns)})")
    for column in needed:
        if column not in columns:
            raise CliError(f"{path} has no {column!r} column (columns: {', '.join(columns)})")
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        pid = row["id"]
        if not pid:
            raise CliError(f"{path} line {line}: empty id")
        if pid in seen:
            raise CliError(f"{path}: duplicate id {pid!r} (lines {seen[pid]} and {line})")
        seen[pid] = line
    return tuple(
        Person(id=row["id"], attributes={k: v for k, v in row.items() if k != "id"}) for row in rows
    )


def _history(paths: list[str]) -> tuple[History, int]:
    sessions: list[dict[str, int]] = []
    last = -1
    for path in paths:
        columns, rows = _read_csv(path)
        for column in ("id", "group"):
            if column not in columns:
                raise CliError(f"{path} has no {column!r} column (need id,session,group)")
        by_session: dict[str, dict[str, int]] = {}
        labels: dict[str, int] = {}
        for row in rows:
            key = row.get("session", "") or "0"
            group = labels.setdefault(row["group"], len(labels))
            by_session.setdefault(key, {})[row["id"]] = group
        for key in sorted(by_session, key=_session_key):
            sessions.append(by_session[key])
            if key.isdigit():
                last = max(last, int(key))
    return History(sessions=tuple(sessions)), last


def _session_key(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (1 << 30, key)


def _criteria(specs: list[str]) -> tuple[CategoricalCriterion, ...]:
    out = []
    for spec in specs:
        attribute, _, weight = spec.partition(":")
        try:
            value = float(weight) if weight else 1.0
        except ValueError:
            raise CliError(f"--by {spec}: the weight must be a number") from None
        if not attribute:
            raise CliError(f"--by {spec}: give an attribute name")
        out.append(CategoricalCriterion(attribute, value))
    return tuple(out)


def _constraints(args: argparse.Namespace) -> tuple[Constraint, ...]:
    out: list[Constraint] = [KeepApart(a) for a in args.apart]
    out += [KeepTogether(tuple(x.strip() for x in spec.split(","))) for spec in args.together]
    for spec in args.pin:
        pid, _, group = spec.rpartition(":")
        if not pid or not group.isdigit() or int(group) < 1:
            raise CliError(f"--pin {spec}: write ID:GROUP with GROUP from 1")
        out.append(Pin(pid, int(group) - 1))
    return tuple(out)


def _groups(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    criteria = _criteria(args.by)
    needed = [c.attribute for c in criteria] + list(args.apart)
    if args.peer:
        needed.append(args.peer)
    people = _people(args.people, needed)
    constraints = _constraints(args)
    history, last = _history(args.history)
    stop = _Progress(args.time, args.iterations, args.quiet, err)
    try:
        if args.peer:
            if args.sessions != 1 or args.history:
                raise CliError("peer groups plan one session without history")
            peer = PeerGroupProblem(
                people=people,
                profession=args.peer,
                size=args.size or 6,
                constraints=constraints,
                absent=frozenset(args.absent),
                **({"criteria": criteria} if criteria else {}),
            )
            result = solve(peer, seed=args.seed, stop=stop)
        elif args.sessions == 1 and not args.history:
            problem = GroupingProblem(
                people=people,
                criteria=criteria,
                constraints=constraints,
                groups=args.groups,
                size=args.size,
                min_size=args.min_size,
                max_size=args.max_size,
                absent=frozenset(args.absent),
            )
            result = solve(problem, seed=args.seed, stop=stop)
        else:
            rotation = RotationProblem(
                people=people,
                sessions=args.sessions,
                criteria=criteria,
                constraints=constraints,
                groups=args.groups,
                size=args.size,
                min_size=args.min_size,
                max_size=args.max_size,
                history=history,
                absent=frozenset(args.absent),
            )
            result = solve(rotation, seed=args.seed, stop=stop)
    finally:
        stop.close()
    first = last + 1
    if args.out:
        with open(args.out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "session", "group"])
            for t, session in enumerate(result.schedule):
                for person in people:
                    if person.id in session:
                        writer.writerow([person.id, first + t, session[person.id] + 1])
    if not args.quiet:
        out.write(summary(result, first_session=first))
    return 0


def summary(result: Result, *, first_session: int = 0) -> str:
    """A readable account of a result: groups, compositions, repeats, gap to the bound."""
    lines = []
    sessions = len(result.schedule)
    for report in result.groups:
        if sessions > 1 and report.group == 0:
            lines.append(f"Session {first_session + report.session}")
        mix = "; ".join(
            f"{attribute}: " + ", ".join(f"{value}×{count}" for value, count in counts.items())
            for attribute, counts in report.category_counts.items()
        )
        extra = f" | repeats {len(report.repeat_pairs)}" if report.repeat_pairs else ""
        extra += (
            f" | KEPT-APART VIOLATED {report.apart_violations}" if report.apart_violations else ""
        )
        lines.append(
            f"  {report.label} ({report.size}): {', '.join(report.members)}"
            + (f" | {mix}" if mix else "")
            + extra
        )
    lines.append(f"Objective {result.objective:.6g} (diversity {result.diversity:.6g})")
    if sessions > 1 or result.repeat_cost:
        lines.append(f"Repeated encounters: {result.repeats}")
    cert = result.certificate
    if cert is not None:
        lines.append(
            f"Same-category pairs (weighted): {cert.cost:g}, lower bound {cert.bound:g}, "
            f"gap {cert.gap:g} ({cert.gap_pct:.2f} %)"
        )
    lines.append(
        f"CPU {result.cpu_seconds:.2f} s, {result.rounds} rounds, seed {result.seed}"
        + _kernels_note(result)
    )
    return "\n".join(lines) + "\n"


def _kernels_note(result: Result | MatrixResult) -> str:
    """Says when the run first compiled (or loaded) the kernels, which its budget did not count."""
    if not result.compiled:
        return ""
    return (
        f" (kernels compiled or loaded first: {result.compile_seconds:.2f} s, outside the budget)"
    )


def _mdgp(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        problem = read_instance(args.instance)
    except InstanceFormatError as error:
        raise CliError(str(error)) from None
    stop = _Progress(args.time, args.iterations, args.quiet, err)
    try:
        result = solve(problem, seed=args.seed, stop=stop)
    finally:
        stop.close()
    if not isinstance(result, MatrixResult):  # pragma: no cover - solve's overload guarantees it
        raise TypeError("expected a MatrixResult")
    if args.out:
        write_solution(args.out, result.assignment)
    out.write(f"{result.objective:.6f}\n")
    if not args.quiet:
        err.write(
            f"feasible={result.feasible} sizes={list(result.sizes)} "
            f"cpu={result.cpu_seconds:.2f}s rounds={result.rounds}{_kernels_note(result)}\n"
        )
    return 0


def _match(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        text = Path(args.instance).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {args.instance}: {error}") from None
    try:
        problem = problem_from_json(text)
    except MatchingFormatError as error:
        raise CliError(f"{args.instance}: {error}") from None
    result = solve(problem)
    if not isinstance(result, MatchingResult):  # pragma: no cover - solve's overload guarantees it
        raise TypeError("expected a MatchingResult")
    if args.out:
        Path(args.out).write_text(result_to_json(result), encoding="utf-8")
        if not args.quiet:
            out.write(match_summary(result))
    else:
        out.write(result_to_json(result))
        if not args.quiet:
            err.write(match_summary(result))
    return 0


def match_summary(result: MatchingResult) -> str:
    """Matched and unmatched counts, each unmatched need with its reason, objective and time."""
    lines = [f"{len(result.assignment)} matched, {len(result.unmatched)} unmatched"]
    lines += [f"  unmatched {u.need}: {u.reason}" for u in result.unmatched]
    lines.append(f"Objective {result.objective:.6g}, CPU {result.cpu_seconds:.3f} s")
    return "\n".join(lines) + "\n"


def _warm(out: TextIO) -> int:
    folder = configure_cache()
    compile_bytecode()
    seconds = ensure_ready()
    if seconds is None:
        out.write(f"Engine kernels already ready (cache: {folder})\n")
    else:
        out.write(f"Engine kernels ready in {seconds:.1f} s of CPU (cache: {folder})\n")
    return 0


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the CLI; returns the exit status (2 for bad input, with one line on stderr)."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        if args.command == "mdgp":
            return _mdgp(args, out, err)
        if args.command == "match":
            return _match(args, out, err)
        if args.command == "warm":
            return _warm(out)
        return _groups(args, out, err)
    except CliError as error:
        err.write(f"{PROG}: error: {error}\n")
        return 2
    except InfeasibleProblem as error:
        err.write(f"{PROG}: error: impossible constraints: {'; '.join(error.reasons)}\n")
        return 2
    except OSError as error:
        err.write(f"{PROG}: error: {error}\n")
        return 2
    finally:
        del started
