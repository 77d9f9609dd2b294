"""Numba kernels for planning several sessions jointly.

State: ``a[t, i]`` is the group of node ``i`` in session ``t``; ``x[i, j]`` counts the planned
sessions where ``i`` and ``j`` meet. The objective is

    sum_t sum_{i<j together in t} w[i, j]
    - lam * sum_{i<j} (hist[i, j] * x[i, j] + mult[i, j] * x[i, j] * (x[i, j] - 1) / 2)

where ``hist`` holds the (recency-weighted) past encounters and ``mult[i, j]`` the number of
person pairs between nodes ``i`` and ``j``: every encounter with someone already met costs, and
the more often, the more. Moves and swaps happen inside one session at a time; forbidden pairs and
size bounds hold in every session.
"""

import numpy as np
from numba import njit

from magellan.engine._kernels import rand_int

_EPS = 1e-9


@njit(cache=True)
def encounters(a, n):
    t_count = a.shape[0]
    x = np.zeros((n, n), dtype=np.int64)
    for t in range(t_count):
        for i in range(n):
            for j in range(i + 1, n):
                if a[t, i] == a[t, j]:
                    x[i, j] += 1
                    x[j, i] += 1
    return x


@njit(cache=True)
def rotation_objective(w, hist, mult, lam, a):
    n = a.shape[1]
    x = encounters(a, n)
    f = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            xij = x[i, j]
            f += w[i, j] * xij
            f -= lam * (hist[i, j] * xij + mult[i, j] * xij * (xij - 1) * 0.5)
    return f


@njit(cache=True)
def _fill_values(w, hist, mult, lam, a, x, t, e, conf):
    """e[i, g] = value of i's links to the members of g in session t; conf[i] = i meets someone
    again in session t. Returns the number of such nodes."""
    n = a.shape[1]
    e[:, :] = 0.0
    nconf = 0
    for i in range(n):
        conf[i] = False
        for k in range(n):
            if k != i and a[t, k] == a[t, i] and (x[i, k] > 1 or hist[i, k] > 0):
                conf[i] = True
                nconf += 1
                break
    for i in range(n):
        gi = a[t, i]
        for k in range(n):
            if k == i:
                continue
            gk = a[t, k]
            y = x[i, k]
            if gk == gi:
                y -= 1
            e[i, gk] += w[i, k] - lam * (hist[i, k] + mult[i, k] * y)
    return nconf


@njit(cache=True)
def rotation_tabu(
    w,
    hist,
    mult,
    lam,
    forbid,
    use_forbid,
    s,
    lo,
    hi,
    movable,
    a,
    max_iter,
    max_stall,
    tenure_min,
    tenure_span,
    perturb_every,
    perturb_strength,
    target,
    focus,
    state,
):
    """Tabu search with moves and swaps inside sessions; returns (best_a, best_f, iterations).

    With ``focus``, while someone meets someone again, only moves and swaps involving such a
    person are considered (min-conflicts focus, as in local search for social golfers). Every
    ``perturb_every`` iterations without improvement, ``perturb_strength`` random feasible
    swaps restart the walk from the best schedule. Stops at ``target`` (when reached), after
    ``max_iter`` iterations or ``max_stall`` iterations without improving the best.
    """
    t_count = a.shape[0]
    n = a.shape[1]
    m = lo.shape[0]
    x = encounters(a, n)
    size = np.zeros((t_count, m), dtype=np.int64)
    for t in range(t_count):
        for i in range(n):
            size[t, a[t, i]] += s[i]
    f = rotation_objective(w, hist, mult, lam, a)
    fbest = f
    best = a.copy()
    tabu = np.zeros((t_count, n, m), dtype=np.int64)
    e = np.empty((t_count, n, m))
    conf = np.zeros((t_count, n), dtype=np.bool_)
    same_sizes = True
    for i in range(n):
        if s[i] != s[0]:
            same_sizes = False
    flexible = False
    for g in range(m):
        if lo[g] < hi[g]:
            flexible = True
    do_moves = flexible or not same_sizes
    it = 0
    stall = 0
    since = 0
    while it < max_iter and stall < max_stall and fbest < target - _EPS:
        it += 1
        nconf = 0
        for t in range(t_count):
            nconf += _fill_values(w, hist, mult, lam, a, x, t, e[t], conf[t])
        focused = focus and nconf > 0
        bd = -np.inf
        bt = -1
        bi = -1
        bj = -1
        bh = -1
        cnt = 0
        for t in range(t_count):
            et = e[t]
            for i in range(n):
                if not movable[i]:
                    continue
                g = a[t, i]
                if do_moves and size[t, g] - s[i] >= lo[g] and not (focused and not conf[t, i]):
                    for h in range(m):
                        if h == g or size[t, h] + s[i] > hi[h]:
                            continue
                        d = et[i, h] - et[i, g]
                        if d < bd - _EPS:
                            continue
                        if use_forbid:
                            bad = False
                            for k in range(n):
                                if a[t, k] == h and forbid[i, k]:
                                    bad = True
                                    break
                            if bad:
                                continue
                        if tabu[t, i, h] > it and f + d <= fbest + _EPS:
                            continue
                        if d > bd + _EPS:
                            bd = d
                            cnt = 1
                        else:
                            cnt += 1
                            if rand_int(state, cnt) != 0:
                                continue
                        bt = t
                        bi = i
                        bj = -1
                        bh = h
                for j in range(i + 1, n):
                    h = a[t, j]
                    if h == g or not movable[j]:
                        continue
                    if focused and not conf[t, i] and not conf[t, j]:
                        continue
                    link = w[i, j] - lam * (hist[i, j] + mult[i, j] * x[i, j])
                    d = et[i, h] - et[i, g] + et[j, g] - et[j, h] - 2.0 * link
                    if d < bd - _EPS:
                        continue
                    dd = s[j] - s[i]
                    if dd != 0 and (
                        size[t, g] + dd < lo[g]
                        or size[t, g] + dd > hi[g]
                        or size[t, h] - dd < lo[h]
                        or size[t, h] - dd > hi[h]
                    ):
                        continue
                    if use_forbid:
                        bad = False
                        for k in range(n):
                            if k == i or k == j:  # noqa: SIM109 - explicit comparisons compile to plain code in numba
                                continue
                            if (a[t, k] == h and forbid[i, k]) or (a[t, k] == g and forbid[j, k]):
                                bad = True
                                break
                        if bad:
                            continue
                    if (tabu[t, i, h] > it or tabu[t, j, g] > it) and f + d <= fbest + _EPS:
                        continue
                    if d > bd + _EPS:
                        bd = d
                        cnt = 1
                    else:
                        cnt += 1
                        if rand_int(state, cnt) != 0:
                            continue
                    bt = t
                    bi = i
                    bj = j
        if bi < 0:
            break
        if bj < 0:
            _move(a, x, size, s, bt, bi, bh)
            g = a[bt, bi]
            tabu[bt, bi, g] = it + tenure_min + rand_int(state, tenure_span + 1)
        else:
            g = a[bt, bi]
            h = a[bt, bj]
            _move(a, x, size, s, bt, bi, h)
            _move(a, x, size, s, bt, bj, g)
            tabu[bt, bi, g] = it + tenure_min + rand_int(state, tenure_span + 1)
            tabu[bt, bj, h] = it + tenure_min + rand_int(state, tenure_span + 1)
        f += bd
        if f > fbest + _EPS:
            fbest = f
            best[:, :] = a
            stall = 0
            since = 0
        else:
            stall += 1
            since += 1
            if since >= perturb_every:
                since = 0
                a[:, :] = best
                _perturb(forbid, use_forbid, s, lo, hi, movable, a, size, perturb_strength, state)
                x = encounters(a, n)
                for t in range(t_count):
                    size[t, :] = 0
                    for i in range(n):
                        size[t, a[t, i]] += s[i]
                f = rotation_objective(w, hist, mult, lam, a)
    return best, fbest, it


@njit(cache=True)
def _move(a, x, size, s, t, i, h):
    n = a.shape[1]
    g = a[t, i]
    for k in range(n):
        if k == i:
            continue
        if a[t, k] == g:
            x[i, k] -= 1
            x[k, i] -= 1
        elif a[t, k] == h:
            x[i, k] += 1
            x[k, i] += 1
    size[t, g] -= s[i]
    size[t, h] += s[i]
    a[t, i] = h


@njit(cache=True)
def _perturb(forbid, use_forbid, s, lo, hi, movable, a, size, strength, state):
    t_count = a.shape[0]
    n = a.shape[1]
    done = 0
    tries = 0
    while done < strength and tries < 100 * strength + 100:
        tries += 1
        t = rand_int(state, t_count)
        i = rand_int(state, n)
        j = rand_int(state, n)
        g = a[t, i]
        h = a[t, j]
        if g == h or not movable[i] or not movable[j]:
            continue
        dd = s[j] - s[i]
        if dd != 0 and (
            size[t, g] + dd < lo[g]
            or size[t, g] + dd > hi[g]
            or size[t, h] - dd < lo[h]
            or size[t, h] - dd > hi[h]
        ):
            continue
        if use_forbid:
            bad = False
            for k in range(n):
                if k == i or k == j:  # noqa: SIM109 - explicit comparisons compile to plain code in numba
                    continue
                if (a[t, k] == h and forbid[i, k]) or (a[t, k] == g and forbid[j, k]):
                    bad = True
                    break
            if bad:
                continue
        a[t, i] = h
        a[t, j] = g
        size[t, g] += dd
        size[t, h] -= dd
        done += 1
