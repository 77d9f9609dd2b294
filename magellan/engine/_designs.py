"""Repeat-free starting schedules from affine geometry over a finite field GF(q).

With ``q`` groups (a prime power) of ``k <= q`` people, place person ``(x, y)`` with
``x`` in GF(q) and ``y < k`` in group ``x - lam * y`` in session ``lam``: two people of different
rows meet in exactly one of the ``q`` sessions and people of one row never do, so ``q`` sessions
have no repeated pair; when ``k`` divides ``q``, one more session groups each row by blocks of
``k``. The tabu search then starts from this schedule (it is a start, not a constraint).
"""

from __future__ import annotations

import itertools

import numpy as np


def _prime_power(q: int) -> tuple[int, int] | None:
    if q < 2:
        return None
    for p in range(2, q + 1):
        if q % p == 0:
            e, r = 0, q
            while r % p == 0:
                r //= p
                e += 1
            return (p, e) if r == 1 else None
    return None


class _Field:
    """GF(p^e), elements encoded as integers whose base-p digits are polynomial coefficients."""

    def __init__(self, p: int, e: int) -> None:
        self.p, self.e, self.q = p, e, p**e
        self.modulus = self._irreducible() if e > 1 else None

    def _digits(self, a: int) -> list[int]:
        return [(a // self.p**i) % self.p for i in range(self.e)]

    def _number(self, digits: list[int]) -> int:
        return sum(d * self.p**i for i, d in enumerate(digits))

    def _irreducible(self) -> list[int]:
        p, e = self.p, self.e
        for tail in itertools.product(range(p), repeat=e):
            poly = [*tail, 1]  # monic, coefficients from degree 0 up
            if all(_polymod(poly, div, p) != [0] * len(div[:-1]) for div in _monics(p, e // 2)):
                return poly
        raise ValueError("no irreducible polynomial")  # pragma: no cover - cannot happen

    def sub(self, a: int, b: int) -> int:
        da, db = self._digits(a), self._digits(b)
        return self._number([(x - y) % self.p for x, y in zip(da, db, strict=True)])

    def mul(self, a: int, b: int) -> int:
        if self.modulus is None:
            return a * b % self.p
        da, db = self._digits(a), self._digits(b)
        prod = [0] * (2 * self.e - 1)
        for i, x in enumerate(da):
            for j, y in enumerate(db):
                prod[i + j] = (prod[i + j] + x * y) % self.p
        return self._number(_polymod(prod, self.modulus, self.p))


def _monics(p: int, max_degree: int) -> list[list[int]]:
    return [
        [*tail, 1]
        for degree in range(1, max_degree + 1)
        for tail in itertools.product(range(p), repeat=degree)
    ]


def _polymod(poly: list[int], div: list[int], p: int) -> list[int]:
    r = list(poly)
    d = len(div) - 1
    for top in range(len(r) - 1, d - 1, -1):
        c = r[top] % p
        if c:
            for i in range(d + 1):
                r[top - d + i] = (r[top - d + i] - c * div[i]) % p
    rest = [x % p for x in r[:d]]
    return rest + [0] * (d - len(rest))


def affine_schedule(groups: int, size: int, sessions: int) -> np.ndarray | None:
    """A (sessions, groups * size) array of groups with no pair meeting twice, or None."""
    pe = _prime_power(groups)
    if pe is None or size > groups:
        return None
    q = groups
    extra = q % size == 0
    if sessions > q + (1 if extra else 0):
        return None
    field = _Field(*pe)
    out = np.zeros((sessions, q * size), dtype=np.int64)
    for t in range(sessions):
        for y in range(size):
            for x in range(q):
                person = y * q + x
                if t < q:
                    out[t, person] = field.sub(x, field.mul(t, y))
                else:
                    out[t, person] = y * (q // size) + x // size
    return out
