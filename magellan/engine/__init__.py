"""Magellan's grouping engine: pure Python + numba, no Django.

One entry point, ``solve(problem, *, seed, stop) -> Result``; see docs/engine.md.
"""

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
    "MatrixProblem",
    "MatrixResult",
    "MaxIterations",
    "MaxRuntime",
    "NoImprovement",
    "NumericCriterion",
    "PeerGroupProblem",
    "Person",
    "Pin",
    "Result",
    "RotationProblem",
    "matrix_objective",
    "people_from_rows",
    "solve",
]
