"""Kernels ready before any budget starts, in an explicit cache folder (issue 17)."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from magellan.engine import (
    CategoricalCriterion,
    GroupingProblem,
    MatrixProblem,
    MaxIterations,
    RotationProblem,
    cli,
    solve,
    warmup,
)
from magellan.engine.cli import main
from tests.engine.conftest import people

ENGINE = Path(warmup.__file__).resolve().parent
REPO = ENGINE.parents[1]


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (kernels not loaded yet), from the repository."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MAGELLAN_", "DJANGO_"))}
    environ.update(env)
    return subprocess.run(  # noqa: S603 - this interpreter and our own code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env=environ,
    )


def _small_grouping() -> GroupingProblem:
    return GroupingProblem(
        people("a dev c1", "b dev c2", "c data c3", "d data c4", "e design c5", "f design c6"),
        criteria=(CategoricalCriterion("profession"),),
        groups=2,
    )


class _Recorder:
    """A stopping criterion that writes down when it is asked."""

    def __init__(self, events: list[str], rounds: int) -> None:
        self.events = events
        self.inner = MaxIterations(rounds)

    def __call__(self, best: float) -> bool:
        self.events.append("stop asked")
        return self.inner(best)


@pytest.mark.parametrize("rotation", [False, True])
def test_a_run_compiles_its_kernels_before_its_clock_starts(monkeypatch, rotation):
    events: list[str] = []
    compiled: set[str] = set()

    def ready(*, rotation: bool = True) -> bool:
        return "core" in compiled and ("rotation" in compiled or not rotation)

    def compile_family(name: str):
        def compile_() -> None:
            events.append(f"compile {name}")
            compiled.add(name)

        return compile_

    monkeypatch.setattr(warmup, "kernels_ready", ready)
    monkeypatch.setattr(warmup, "_compile_core", compile_family("core"))
    monkeypatch.setattr(warmup, "_compile_rotation", compile_family("rotation"))
    problem = _small_grouping()
    if rotation:
        problem = RotationProblem(
            problem.people, sessions=2, criteria=problem.criteria, groups=problem.groups
        )

    first = solve(problem, seed=1, stop=_Recorder(events, 3))
    calls = len(events)
    second = solve(problem, seed=1, stop=_Recorder(events, 3))

    compiles = ["compile core", "compile rotation"] if rotation else ["compile core"]
    assert events[: len(compiles)] == compiles
    assert set(events[len(compiles) :]) == {"stop asked"}
    assert (first.compiled, second.compiled) == (True, False)
    assert first.compile_seconds >= 0.0
    assert second.compile_seconds == 0.0
    assert all(e == "stop asked" for e in events[calls:])


def test_matching_never_compiles_kernels(monkeypatch):
    from magellan.engine import MatchingProblem, Mentor

    monkeypatch.setattr(warmup, "ensure_ready", lambda **_: pytest.fail("no kernels needed"))
    problem = MatchingProblem(needs=("n",), mentors=(Mentor("m", 1),), scores={("n", "m"): 1.0})

    assert solve(problem).mentor_of("n") == "m"


def test_the_first_run_of_a_fresh_process_loads_the_kernels_before_asking_its_stop():
    code = """
import io
import json
from magellan.engine import CategoricalCriterion, MaxIterations, Person, RotationProblem, solve
from magellan.engine import warmup
ready_when_asked = []
inner = MaxIterations(2)
def stop(best):
    ready_when_asked.append(warmup.kernels_ready())
    return inner(best)
people = tuple(Person(f"p{i}", {"profession": "ab"[i % 2]}) for i in range(8))
problem = RotationProblem(people, sessions=2, criteria=(CategoricalCriterion("profession"),), groups=2)
before = warmup.kernels_ready()
first = solve(problem, seed=1, stop=stop)
second = solve(problem, seed=1, stop=MaxIterations(2))
print(json.dumps({"before": before, "asked": ready_when_asked, "first": first.compiled,
                  "first_seconds": first.compile_seconds, "second": second.compiled}))
"""
    proc = _python(code)

    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["before"] is False
    assert seen["asked"]
    assert all(seen["asked"])
    assert (seen["first"], seen["second"]) == (True, False)
    assert seen["first_seconds"] > 0


def test_after_the_warm_up_no_run_compiles_anything():
    """Every kind of run uses the signatures the warm-up made: nothing new to compile."""
    code = """
import io
import json
import numpy as np
from numba.core.registry import CPUDispatcher
from magellan.engine import (CategoricalCriterion, GroupingProblem, History, KeepApart,
    KeepTogether, MatrixProblem, MaxIterations, NumericCriterion, PeerGroupProblem, Person, Pin,
    RotationProblem, solve, warmup, _kernels, _rotation_kernels)

def signatures():
    return {f"{m.__name__}.{n}": [str(s) for s in d.signatures]
            for m in (_kernels, _rotation_kernels) for n, d in vars(m).items()
            if isinstance(d, CPUDispatcher)}

warmup.ensure_ready()
before = signatures()
rng = np.random.default_rng(3)
d = rng.random((30, 30))
solve(MatrixProblem(d, lower=(5,) * 6, upper=(5,) * 6), seed=1, stop=MaxIterations(20))
solve(MatrixProblem(d, lower=(4,) * 6, upper=(6,) * 6, forbidden=((0, 1), (2, 3))), seed=2,
      stop=MaxIterations(20))
people = tuple(Person(f"p{i}", {"profession": "abc"[i % 3], "team": f"t{i // 3}",
                                "age": str(20 + i), "adm": "xy"[i % 2]}) for i in range(24))
criteria = (CategoricalCriterion("profession", 3), CategoricalCriterion("adm"),
            NumericCriterion("age", 0.5))
hard = (KeepApart("team"), KeepTogether(("p0", "p4")), Pin("p5", 0))
solve(GroupingProblem(people, criteria=criteria, constraints=hard, size=4), seed=1,
      stop=MaxIterations(10))
solve(GroupingProblem(people, criteria=criteria[:2], groups=5, absent=frozenset({"p1"})),
      seed=1, stop=MaxIterations(10))
solve(PeerGroupProblem(people, profession="profession", size=4), seed=1, stop=MaxIterations(5))
history = History(sessions=({p.id: i % 6 for i, p in enumerate(people)},))
solve(RotationProblem(people, sessions=3, criteria=criteria, constraints=hard[:1], size=4,
                      history=history), seed=1, stop=MaxIterations(5))
golfers = tuple(Person(f"g{i}", {}) for i in range(16))
solve(RotationProblem(golfers, sessions=5, groups=4), seed=1, stop=MaxIterations(5))
after = signatures()
print(json.dumps({k: (before[k], after[k]) for k in after if before[k] != after[k]}))
"""
    proc = _python(code)

    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {}


def test_entry_points_list_every_kernel_the_python_code_calls():
    called = set()
    for path in ENGINE.glob("*.py"):
        if path.name in {"_kernels.py", "_rotation_kernels.py"}:
            continue
        for module, name in re.findall(
            r"\b(k|_kernels|_rotation_kernels)\.([a-z_]+)\(", path.read_text()
        ):
            called.add(f"{'_kernels' if module == 'k' else module}.{name}")
    listed = {name for names in warmup.ENTRY_POINTS.values() for name in names}

    assert called == listed


def test_cache_folder_is_the_variable_and_numba_writes_there(tmp_path):
    folder = tmp_path / "kernels"
    module = tmp_path / "tiny_kernel.py"
    module.write_text(
        "from numba import njit\n\n@njit(cache=True)\ndef plus(x):\n    return x + 1\n"
    )
    code = f"""
import sys
from magellan.engine import warmup, _kernels
sys.path.insert(0, {str(tmp_path)!r})
import tiny_kernel
assert tiny_kernel.plus(1) == 2
print(warmup.configure_cache())
print(_kernels.tabu_search._cache.cache_path)
"""
    proc = _python(code, MAGELLAN_ENGINE_CACHE_DIR=str(folder))

    assert proc.returncode == 0, proc.stderr
    used, kernels = proc.stdout.split("\n")[:2]
    assert Path(used) == folder
    assert Path(kernels).is_relative_to(folder)
    assert list(folder.rglob("tiny_kernel.plus-*.nbi"))


def test_cache_folder_defaults_to_engine_cache_in_the_var_folder(tmp_path):
    proc = _python(
        "from magellan.engine import warmup; print(warmup.configure_cache())",
        MAGELLAN_VAR_DIR=str(tmp_path),
    )

    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()) == tmp_path / "engine-cache"
    assert (tmp_path / "engine-cache").is_dir()


def test_an_unwritable_cache_folder_is_replaced_and_reported(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    proc = _python(
        "from magellan.engine import warmup; print(warmup.configure_cache())",
        MAGELLAN_ENGINE_CACHE_DIR=str(blocker / "cache"),
    )

    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()) == warmup._fallback_dir()
    assert f"{blocker / 'cache'} cannot be written" in proc.stderr


@pytest.mark.parametrize("explicit", [False, True])
def test_django_setting_is_the_folder_the_engine_uses(tmp_path, explicit):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "MAGELLAN_VAR_DIR": str(tmp_path)}
    if explicit:
        env["MAGELLAN_ENGINE_CACHE_DIR"] = str(tmp_path / "elsewhere")
    code = """
import django
django.setup()
from django.conf import settings
from magellan.engine import warmup
print(settings.MAGELLAN_ENGINE_CACHE_DIR)
print(warmup.configure_cache())
"""
    proc = _python(code, **env)

    assert proc.returncode == 0, proc.stderr
    setting, used = proc.stdout.split("\n")[:2]
    expected = tmp_path / ("elsewhere" if explicit else "engine-cache")
    assert Path(setting) == Path(used) == expected


def test_warm_subcommand_readies_the_kernels_and_names_the_folder():
    warmup.ensure_ready()
    out = io.StringIO()

    code = main(["warm"], out=out)

    assert code == 0
    assert out.getvalue() == f"Engine kernels already ready (cache: {warmup.configure_cache()})\n"


def test_warm_subcommand_in_a_fresh_process(tmp_path):
    proc = _python("import sys; from magellan.engine.cli import main; sys.exit(main(['warm']))")

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Engine kernels ready in ")
    assert str(warmup.configure_cache()) in proc.stdout


def test_results_of_ready_kernels_say_nothing_was_compiled():
    warmup.ensure_ready()
    d = np.ones((4, 4))

    result = solve(MatrixProblem(d, lower=(2, 2), upper=(2, 2)), seed=1, stop=MaxIterations(1))

    assert (result.compiled, result.compile_seconds) == (False, 0.0)


def test_cli_says_when_a_run_compiled_its_kernels_first(monkeypatch, tmp_path):
    compiled: list[str] = []
    monkeypatch.setattr(warmup, "kernels_ready", lambda **_: bool(compiled))
    monkeypatch.setattr(warmup, "_compile_core", lambda: compiled.append("core"))
    instance = tmp_path / "tiny.txt"
    instance.write_text("4 2 ss 2 2 2 2\n0 1 1\n0 2 9\n0 3 9\n1 2 9\n1 3 9\n2 3 1\n")
    out, err = io.StringIO(), io.StringIO()

    assert main(["mdgp", str(instance), "--iterations", "1"], out=out, err=err) == 0
    assert main(["mdgp", str(instance), "--iterations", "1"], out=out, err=err) == 0

    first, second = err.getvalue().splitlines()
    assert "(kernels compiled or loaded first: " in first
    assert "outside the budget)" in first
    assert "kernels" not in second


def _unmeasured(code: str) -> subprocess.CompletedProcess:
    """``_python`` without a coverage measurement started in the child (pytest-cov's variables)."""
    measured = [k for k in os.environ if k.startswith(("COV_CORE", "COVERAGE_"))]
    proc = _python(code, **dict.fromkeys(measured, ""))
    assert proc.returncode == 0, proc.stderr
    return proc


_LOAD_A_MATRIX_RUN = """
import json, sys
import numpy as np
from magellan.engine import MatrixProblem, MaxIterations, solve
d = np.ones((4, 4))
result = solve(MatrixProblem(d, lower=(2, 2), upper=(2, 2)), seed=1, stop=MaxIterations(1))
seen = {"loaded": result.compiled, "scipy_linalg": "scipy.linalg" in sys.modules,
        "probe_left": "scipy.linalg.cython_blas" in sys.modules}
import scipy.linalg.cython_blas
from magellan.engine import MatchingProblem, Mentor
match = solve(MatchingProblem(needs=("n",), mentors=(Mentor("m", 1),), scores={("n", "m"): 1.0}))
seen["later_match"] = match.mentor_of("n")
print(json.dumps(seen))
"""


def test_loading_the_kernels_does_not_import_scipy_linalg():
    seen = json.loads(_unmeasured(_LOAD_A_MATRIX_RUN).stdout)

    assert seen["loaded"] is True
    assert seen["scipy_linalg"] is False
    assert seen["probe_left"] is False  # the hiding entry is gone: scipy imports later
    assert seen["later_match"] == "m"


def test_with_another_thread_alive_numba_probes_its_blas_as_usual():
    code = (
        "import threading\n"
        "release = threading.Event()\n"
        "threading.Thread(target=release.wait, daemon=True).start()\n"
        + _LOAD_A_MATRIX_RUN
        + "release.set()\n"
    )

    seen = json.loads(_unmeasured(code).stdout)

    assert seen["loaded"] is True
    assert seen["scipy_linalg"] is True  # another thread could be importing scipy.linalg


def test_numba_is_imported_without_coverage_when_nothing_is_measured():
    code = """
import sys
import magellan.engine
from numba.misc import coverage_support
print(int("coverage" in sys.modules), int(coverage_support.coverage_available))
import coverage
print(coverage.Coverage.current())
"""
    lines = _unmeasured(code).stdout.split("\n")

    assert lines[:2] == ["0 0", "None"]


def test_numba_keeps_its_coverage_plug_in_when_coverage_is_imported_first():
    code = """
import coverage
import magellan.engine
from numba.misc import coverage_support
print(int(coverage_support.coverage_available))
"""

    assert _unmeasured(code).stdout.strip() == "1"


def test_compile_bytecode_writes_it_even_when_python_is_told_not_to(tmp_path, monkeypatch):
    (tmp_path / "module.py").write_text("VALUE = 1\n")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)

    assert warmup.compile_bytecode(tmp_path) is True
    assert [p.name.split(".")[0] for p in (tmp_path / "__pycache__").glob("*.pyc")] == ["module"]


def test_compile_bytecode_defaults_to_the_engine_package():
    assert warmup.compile_bytecode.__defaults__ == (ENGINE,)


def test_warm_subcommand_writes_the_engine_bytecode(monkeypatch):
    warmup.ensure_ready()
    written: list[bool] = []
    monkeypatch.setattr(cli, "compile_bytecode", lambda: written.append(True) or True)

    assert main(["warm"], out=io.StringIO()) == 0
    assert written == [True]


def test_the_command_line_leaves_the_collector_out_of_its_shutdown(tmp_path):
    code = f"""
import atexit, gc, runpy, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count()))
sys.argv = ["magellan.engine", "mdgp", {str(tmp_path / "missing.txt")!r}, "--quiet"]
runpy.run_module("magellan.engine", run_name="__main__")
"""
    proc = _python(code)

    assert proc.returncode == 2  # the missing file, reported, then the exit as always
    assert "missing.txt" in proc.stderr
    assert int(proc.stdout.split()[-1]) > 0
