"""Magellan's engine: grouping (pure Python + numba), mentoring matches and jury assignments
(scipy), no Django.

One entry point, ``solve(problem, *, seed, stop) -> Result``; see docs/engine.md.
"""

# ruff: noqa: E402 - the imports below come after configure_cache(), which must run first
from magellan.engine.warmup import configure_cache, import_numba

configure_cache()  # before the kernels are defined: numba reads its cache folder then
import_numba()  # without its coverage plug-in when nothing is measured (0.08 s)

from magellan.engine.matching import (
    Match,
    MatchingProblem,
    MatchingResult,
    Mentor,
    Unmatched,
    UnmatchedReason,
)
from magellan.engine.problem import (
    CategoricalCriterion,
    GroupingProblem,
    History,
    KeepApart,
    KeepTogether,
    MatrixProblem,
    NumericCriterion,
    PeerGroupProblem,
    Person,
    Pin,
    RotationProblem,
    people_from_rows,
)
from magellan.engine.result import (
    Certificate,
    GroupReport,
    InfeasibleProblem,
    MatrixResult,
    Result,
)
from magellan.engine.review_assignment import ReviewAssignmentProblem, ReviewAssignmentResult
from magellan.engine.solve import matrix_objective, solve
from magellan.engine.stop import AllOf, FirstOf, MaxIterations, MaxRuntime, NoImprovement

__all__ = [
    "AllOf",
    "CategoricalCriterion",
    "Certificate",
    "FirstOf",
    "GroupReport",
    "GroupingProblem",
    "History",
    "InfeasibleProblem",
    "KeepApart",
    "KeepTogether",
    "Match",
    "MatchingProblem",
    "MatchingResult",
    "MatrixProblem",
    "MatrixResult",
    "MaxIterations",
    "MaxRuntime",
    "Mentor",
    "NoImprovement",
    "NumericCriterion",
    "PeerGroupProblem",
    "Person",
    "Pin",
    "Result",
    "ReviewAssignmentProblem",
    "ReviewAssignmentResult",
    "RotationProblem",
    "Unmatched",
    "UnmatchedReason",
    "matrix_objective",
    "people_from_rows",
    "solve",
]
