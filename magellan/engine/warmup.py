"""The numba kernels, ready before any budget starts: their cache folder and their warm-up.

The kernels are compiled with ``cache=True``: the first process compiles them (about 35 s of
CPU) and writes machine code to the cache folder; later processes load it (a fraction of a
second). Two rules follow (docs/engine.md, "Kernels and their cache"):

* The cache folder is explicit: ``MAGELLAN_ENGINE_CACHE_DIR``, else ``$MAGELLAN_VAR_DIR/engine-cache``,
  else ``var/engine-cache`` in the project. Django's setting of the same name exports its value
  to this variable, so the app and the command line share one cache. It is applied when
  ``magellan.engine`` is first imported (before the kernels are defined), through numba's
  ``NUMBA_CACHE_DIR``. A folder that cannot be written is reported (log) and replaced by a
  folder in the system's temporary directory, so that the engine still works.
* ``solve`` calls :func:`ensure_ready` before it starts any clock: a process whose kernels are not
  compiled or loaded yet compiles (or loads) them all first, by solving tiny problems of every
  kind, and the result says so (``compiled``, ``compile_seconds``). ``python -m magellan.engine
  warm`` does the same ahead of time (``make install``, ``make run``, ``make worker``, a deploy).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from magellan.engine.problem import Person

logger = logging.getLogger("magellan.engine")

CACHE_ENV = "MAGELLAN_ENGINE_CACHE_DIR"
PROJECT_DIR = Path(__file__).resolve().parents[2]


def configured_cache_dir() -> Path:
    """The cache folder asked for: the variable, else ``engine-cache`` in the var folder."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    var = os.environ.get("MAGELLAN_VAR_DIR", "").strip()
    return (Path(var).expanduser() if var else PROJECT_DIR / "var") / "engine-cache"


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=path).close()
    except OSError:
        return False
    return True


def _fallback_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"magellan-engine-cache-{uid}"


_cache_dir: Path | None = None


def configure_cache() -> Path:
    """Point numba's cache at the configured folder (or the fallback); returns the folder used.

    Called by ``magellan/engine/__init__.py`` before the kernels are imported; later calls
    return the folder chosen then (the kernels keep it for the life of the process).
    """
    global _cache_dir
    if _cache_dir is not None:
        return _cache_dir
    wanted = configured_cache_dir()
    chosen = wanted
    if not _writable(wanted):
        chosen = _fallback_dir()
        logger.warning(
            "The engine's cache folder %s cannot be written; using %s instead (set %s to a "
            "writable folder, then run `python -m magellan.engine warm`)",
            wanted,
            chosen,
            CACHE_ENV,
        )
        _writable(chosen)
    os.environ["NUMBA_CACHE_DIR"] = str(chosen)
    numba_config = sys.modules.get("numba.core.config")
    if numba_config is not None:  # numba imported earlier by someone else: tell it directly
        numba_config.CACHE_DIR = str(chosen)  # type: ignore[attr-defined]
    _cache_dir = chosen
    return chosen


def _alone() -> bool:
    """True when this is the process's only thread: a ``sys.modules`` entry may then be hidden
    for a moment without another thread's import seeing it."""
    return threading.active_count() == 1


def import_numba() -> None:
    """Import numba without its coverage plug-in when no coverage measurement is running.

    numba imports ``coverage`` whenever it is installed (a development tool of this project:
    about 0.08 s of CPU) only to report the lines of kernels it compiles while a measurement
    runs. A measurement imports ``coverage`` before the code it measures, so when ``coverage``
    is not imported yet nothing is measured: a ``None`` entry in ``sys.modules`` then makes
    numba's ``import coverage`` fail at once, and the entry is removed right after. Called by
    ``magellan/engine/__init__.py`` before the kernels' modules import numba.
    """
    if "numba" in sys.modules:
        return
    hide = "coverage" not in sys.modules and _alone()
    if hide:
        sys.modules["coverage"] = None  # type: ignore[assignment]
    try:
        import numba  # noqa: F401
    finally:
        if hide and sys.modules.get("coverage", 0) is None:
            del sys.modules["coverage"]


# The kernels that Python code calls, by family (their callees are compiled into them: loaded
# from the cache, those get no signatures of their own). A test checks the lists against the
# calls in the engine's Python modules.
ENTRY_POINTS = {
    "core": (
        "_kernels.rand_int",
        "_kernels.rand_float",
        "_kernels.build_state",
        "_kernels.objective",
        "_kernels.random_assignment",
        "_kernels.tabu_search",
        "_kernels.perturb",
        "_kernels.crossover",
    ),
    "rotation": (
        "_kernels.clashes",
        "_rotation_kernels.rotation_objective",
        "_rotation_kernels.rotation_tabu",
    ),
}


def kernel_signatures() -> dict[str, tuple[str, ...]]:
    """Each entry-point kernel's compiled signatures in this process (empty until ready)."""
    from magellan.engine import _kernels, _rotation_kernels

    modules = {"_kernels": _kernels, "_rotation_kernels": _rotation_kernels}
    out = {}
    for names in ENTRY_POINTS.values():
        for name in names:
            module, _, attribute = name.partition(".")
            out[name] = tuple(str(sig) for sig in getattr(modules[module], attribute).signatures)
    return out


def kernels_ready(*, rotation: bool = True) -> bool:
    """True when the kernels are compiled (or loaded from the cache) in this process.

    ``rotation=False`` asks only for the core kernels (one session, matrices, peer groups).
    """
    signatures = kernel_signatures()
    families = ("core", "rotation") if rotation else ("core",)
    return all(signatures[name] for family in families for name in ENTRY_POINTS[family])


_lock = threading.Lock()


def ensure_ready(*, rotation: bool = True) -> float | None:
    """Compile or load the kernels unless done; the CPU seconds it took, None if nothing to do.

    ``rotation=False``: only the core kernels, which is all that one session needs.
    """
    if kernels_ready(rotation=rotation):
        return None
    with _lock:
        started = time.process_time()
        done = False
        load_numba_registries()
        if not kernels_ready(rotation=False):
            _compile_core()
            done = True
        if rotation and not kernels_ready(rotation=True):
            _compile_rotation()
            done = True
        return time.process_time() - started if done else None


# Imported by numba.np.arraymath, as numba loads its registries before its first kernel, only to
# check that a BLAS is there: it costs about 0.2 s of CPU (scipy.linalg imports numpy.f2py,
# numpy.ma and numpy.testing), and the engine's kernels call no BLAS routine.
_BLAS_PROBE = "scipy.linalg.cython_blas"
_registries_loaded = False


def load_numba_registries() -> bool:
    """Load numba's implementation registries (once per process) without importing scipy.linalg.

    numba loads them itself before it loads or compiles a first kernel; doing it here first lets
    its BLAS probe fail at once: a ``None`` entry in ``sys.modules`` makes that import raise
    ModuleNotFoundError before its parent packages load. numba then only takes its non-BLAS
    path for ``np.correlate``/``np.convolve`` in kernels compiled later in this process (none of ours
    calls them); the entry is removed right after, so scipy.linalg imports normally later.
    Only when this is the process's only thread (the command line, ``warm``, a worker's start):
    another thread importing scipy.linalg meanwhile would fail. True when the probe was skipped.
    """
    global _registries_loaded
    if _registries_loaded:
        return False
    from numba.core.registry import cpu_target

    skip = "scipy.linalg" not in sys.modules and _BLAS_PROBE not in sys.modules and _alone()
    if skip:
        sys.modules[_BLAS_PROBE] = None  # type: ignore[assignment]
    try:
        cpu_target.target_context.refresh()
    finally:
        if skip and sys.modules.get(_BLAS_PROBE, 0) is None:
            del sys.modules[_BLAS_PROBE]
    _registries_loaded = True
    return skip


ENGINE_DIR = Path(__file__).resolve().parent


def compile_bytecode(folder: Path = ENGINE_DIR) -> bool:
    """Write the bytecode of the engine's modules (``__pycache__``) now; True when all written.

    Python writes it at a first import unless told not to (``PYTHONDONTWRITEBYTECODE``, common
    in containers) or the folder is read-only for the process: every process then compiles
    the engine's sources again (about 0.05 s of CPU). ``warm``, the ahead-of-time step, writes
    it whatever the variable says, as ``python -m compileall`` would; Python reads it even
    under the variable, and recompiles in memory a module whose source changed since.
    """
    import compileall

    return bool(compileall.compile_dir(folder, maxlevels=0, quiet=2))


def _people() -> tuple[Person, ...]:
    from magellan.engine.problem import Person

    return tuple(
        Person(f"p{i}", {"profession": "ab"[i % 2], "team": f"t{i // 2}", "age": str(20 + i)})
        for i in range(8)
    )


def _compile_core() -> None:
    """Solve tiny problems that go through every core kernel, with the types real runs use."""
    import numpy as np

    from magellan.engine._search import SearchParams
    from magellan.engine.problem import (
        CategoricalCriterion,
        KeepApart,
        KeepTogether,
        MatrixProblem,
        NumericCriterion,
        Pin,
        RotationProblem,
    )
    from magellan.engine.solve import _solve_matrix, _solve_people
    from magellan.engine.stop import MaxIterations

    distances = np.arange(36, dtype=np.float64).reshape(6, 6) % 7
    matrix = MatrixProblem(distances, lower=(3, 3), upper=(3, 3), forbidden=((0, 1),))
    for rate in (0.0, 1.0):  # perturbation rounds, then crossover rounds
        params = SearchParams(population=2, crossover_rate=rate)
        _solve_matrix(matrix, seed=1, stop=MaxIterations(4), params=params)
    grouping = RotationProblem(
        people=_people(),
        sessions=1,
        criteria=(CategoricalCriterion("profession"), NumericCriterion("age")),
        constraints=(KeepApart("team"), KeepTogether(("p0", "p2")), Pin("p7", 1)),
        groups=2,
    )
    _solve_people(grouping, seed=1, stop=MaxIterations(3), params=None)


def _compile_rotation() -> None:
    """Plan tiny series that go through every rotation kernel."""
    from magellan.engine.problem import CategoricalCriterion, KeepApart, RotationProblem
    from magellan.engine.solve import _solve_people
    from magellan.engine.stop import MaxIterations

    people = _people()[:4]
    # Four people in two pairs over four sessions must meet again: the joint search runs.
    rotation = RotationProblem(
        people=people, sessions=4, criteria=(CategoricalCriterion("profession"),), groups=2
    )
    _solve_people(rotation, seed=1, stop=MaxIterations(1), params=None)
    # The affine design start (and its clash check) needs a square shape: 4 people, 2 x 2.
    design = RotationProblem(people=people, sessions=2, constraints=(KeepApart("team"),), groups=2)
    _solve_people(design, seed=1, stop=MaxIterations(1), params=None)
