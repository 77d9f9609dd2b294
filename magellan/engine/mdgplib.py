"""Reading MDGPLIB instance files (plain or gzipped) and writing solutions."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from magellan.engine.problem import MatrixProblem


class InstanceFormatError(ValueError):
    """The file is not in MDGPLIB format."""


def read_instance(path: str | Path) -> MatrixProblem:
    """Read ``n m ss|ds a_1 b_1 ... a_m b_m`` then ``i j d_ij`` lines into a MatrixProblem."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt") as handle:
            text = handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise InstanceFormatError(f"{path}: cannot read ({error})") from error
    lines = text.split("\n", 1)
    header = lines[0].split()
    try:
        n, m = int(header[0]), int(header[1])
        bounds = [int(x) for x in header[3 : 3 + 2 * m]]
    except (IndexError, ValueError) as error:
        raise InstanceFormatError(f"{path}: bad header line {lines[0]!r}") from error
    if len(bounds) != 2 * m or n < 1 or m < 1:
        raise InstanceFormatError(f"{path}: the header must give n, m, a type and m size pairs")
    body = lines[1] if len(lines) > 1 else ""
    try:
        values = np.array(body.split(), dtype=np.float64)
    except ValueError as error:
        raise InstanceFormatError(f"{path}: non-numeric value in the distance lines") from error
    if values.size % 3:
        raise InstanceFormatError(f"{path}: distance lines must be 'i j d'")
    triples = values.reshape(-1, 3)
    i = triples[:, 0].astype(np.int64)
    j = triples[:, 1].astype(np.int64)
    if triples.shape[0] and (i.min() < 0 or j.min() < 0 or max(i.max(), j.max()) >= n):
        raise InstanceFormatError(f"{path}: element index out of range 0..{n - 1}")
    d = np.zeros((n, n))
    d[i, j] = triples[:, 2]
    d[j, i] = triples[:, 2]
    np.fill_diagonal(d, 0.0)
    return MatrixProblem(distances=d, lower=tuple(bounds[0::2]), upper=tuple(bounds[1::2]))


def write_solution(path: str | Path, groups: tuple[int, ...] | list[int]) -> None:
    """One group index per element, one per line, in element order."""
    Path(path).write_text("".join(f"{g}\n" for g in groups))
