"""Numba kernels of the grouping core.

The core problem: ``n`` nodes with sizes ``s`` (a node is one person, or a block of people kept
together) go into ``m`` groups whose total sizes must lie in ``[lo[g], hi[g]]``; maximise the sum
of ``w[i, j]`` over pairs of nodes in the same group. ``forbid[i, j] == 1`` marks a pair that may
never share a group; ``movable[i] == 0`` pins node ``i`` to its current group.

State kept incrementally (all updated in O(n) per elementary move):
``gain[i, g]`` = sum of ``w[i, j]`` over nodes ``j`` in group ``g``,
``clash[i, g]`` = number of forbidden partners of ``i`` in group ``g``, and ``size[g]``.
Randomness comes from an explicit xorshift64* state (a one-element uint64 array), never from a
global generator, so that a seed fully determines a run.
"""

import numpy as np
from numba import njit

_EPS = 1e-9
_MULT = np.uint64(2685821657736338717)
_S12 = np.uint64(12)
_S25 = np.uint64(25)
_S27 = np.uint64(27)
_S11 = np.uint64(11)


@njit(cache=True)
def rand_u64(state):
    x = state[0]
    x ^= x >> _S12
    x ^= x << _S25
    x ^= x >> _S27
    state[0] = x
    return x * _MULT


@njit(cache=True)
def rand_int(state, k):
    """Uniform integer in [0, k)."""
    return np.int64((rand_u64(state) >> _S11) % np.uint64(k))


@njit(cache=True)
def rand_float(state):
    return np.float64(rand_u64(state) >> _S11) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def shuffle(state, arr):
    for k in range(arr.shape[0] - 1, 0, -1):
        r = rand_int(state, k + 1)
        t = arr[k]
        arr[k] = arr[r]
        arr[r] = t


@njit(cache=True)
def build_state(w, forbid, s, a, m):
    """Gain matrix, clash matrix, group sizes and objective of assignment ``a``."""
    n = a.shape[0]
    gain = np.zeros((n, m))
    clash = np.zeros((n, m), dtype=np.int32)
    size = np.zeros(m, dtype=np.int64)
    for j in range(n):
        g = a[j]
        size[g] += s[j]
        for i in range(n):
            gain[i, g] += w[i, j]
            clash[i, g] += forbid[i, j]
    f = 0.0
    for i in range(n):
        f += gain[i, a[i]]
    return gain, clash, size, 0.5 * f


@njit(cache=True)
def objective(w, a):
    n = a.shape[0]
    f = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            if a[i] == a[j]:
                f += w[i, j]
    return f


@njit(cache=True)
def clashes(forbid, a):
    n = a.shape[0]
    c = 0
    for i in range(n):
        for j in range(i + 1, n):
            if a[i] == a[j] and forbid[i, j]:
                c += 1
    return c


@njit(cache=True)
def apply_move(w, forbid, s, a, gain, clash, size, i, h):
    g = a[i]
    n = a.shape[0]
    for k in range(n):
        wk = w[k, i]
        gain[k, g] -= wk
        gain[k, h] += wk
        fk = forbid[k, i]
        if fk:
            clash[k, g] -= fk
            clash[k, h] += fk
    size[g] -= s[i]
    size[h] += s[i]
    a[i] = h


@njit(cache=True)
def random_assignment(s, lo, hi, movable, a0, state):
    """A random assignment meeting the size bounds (ignoring forbidden pairs).

    Pinned nodes keep ``a0``; returns (assignment, ok).
    """
    n = s.shape[0]
    m = lo.shape[0]
    a = a0.copy()
    size = np.zeros(m, dtype=np.int64)
    for i in range(n):
        if not movable[i]:
            size[a[i]] += s[i]
    free = np.empty(n, dtype=np.int64)
    nf = 0
    for i in range(n):
        if movable[i]:
            free[nf] = i
            nf += 1
    free = free[:nf]
    for _attempt in range(50):
        shuffle(state, free)
        # largest blocks first so that they still fit
        order = free[np.argsort(-s[free], kind="mergesort")]
        sz = size.copy()
        ok = True
        for i in order:
            # first fill deficits, then spread at random over groups with room
            best = -1
            bestkey = -1.0
            for g in range(m):
                if sz[g] + s[i] > hi[g]:
                    continue
                key = rand_float(state)
                if sz[g] < lo[g]:
                    key += 2.0 + (lo[g] - sz[g]) / (lo[g] + 1.0)
                if key > bestkey:
                    bestkey = key
                    best = g
            if best < 0:
                ok = False
                break
            a[i] = best
            sz[best] += s[i]
        if ok:
            for g in range(m):
                if sz[g] < lo[g]:
                    ok = False
            if ok:
                return a, True
    return a, False


@njit(cache=True)
def tabu_search(
    w,
    forbid,
    use_forbid,
    s,
    lo,
    hi,
    movable,
    a,
    gain,
    clash,
    size,
    f,
    best_a,
    max_iter,
    max_stall,
    tenure_min,
    tenure_span,
    state,
):
    """Tabu search over one-move and swap neighbourhoods, in place.

    Starts from ``a`` (objective ``f``), never creates a forbidden pair (when ``use_forbid``),
    never breaks a size bound. Stops after ``max_iter`` iterations or ``max_stall`` iterations
    without improving the best. Leaves the best assignment in ``best_a`` and returns
    ``(best_f, iterations)``; ``a``/``gain``/``clash``/``size`` hold the last current solution.
    """
    n = a.shape[0]
    m = lo.shape[0]
    tabu = np.zeros((n, m), dtype=np.int64)
    delta = np.empty((n, m))
    reach = np.empty(n)
    wmin = 0.0
    for i in range(n):
        for j in range(n):
            if w[i, j] < wmin:
                wmin = w[i, j]
    slack = -2.0 * wmin
    fbest = f
    best_a[:] = a
    same_sizes = True
    for i in range(n):
        if s[i] != s[0]:
            same_sizes = False
    flexible = False
    for g in range(m):
        if lo[g] < hi[g]:
            flexible = True
    do_moves = flexible or not same_sizes
    prune = not do_moves
    order = np.arange(n)
    it = 0
    stall = 0
    while it < max_iter and stall < max_stall:
        it += 1
        for i in range(n):
            gi = gain[i, a[i]]
            for h in range(m):
                delta[i, h] = gain[i, h] - gi
        if prune:
            for i in range(n):
                top = -np.inf
                if movable[i]:
                    for h in range(m):
                        if h != a[i] and delta[i, h] > top:
                            top = delta[i, h]
                reach[i] = top
            order = np.argsort(-reach)
        bd = -np.inf
        bi = -1
        bj = -1
        bh = -1
        cnt = 0
        if do_moves:
            for i in range(n):
                if not movable[i]:
                    continue
                g = a[i]
                si = s[i]
                if size[g] - si < lo[g]:
                    continue
                for h in range(m):
                    if h == g or size[h] + si > hi[h]:
                        continue
                    d = delta[i, h]
                    if d < bd - _EPS:
                        continue
                    if use_forbid and clash[i, h] > 0:
                        continue
                    if tabu[i, h] > it and f + d <= fbest + _EPS:
                        continue
                    if d > bd + _EPS:
                        bd = d
                        bi = i
                        bj = -1
                        bh = h
                        cnt = 1
                    else:
                        cnt += 1
                        if rand_int(state, cnt) == 0:
                            bi = i
                            bj = -1
                            bh = h
        # swaps. Without moves (equal sizes), best candidates first: a swap gains at most
        # reach[i] + reach[j] + slack, so the scan stops once that falls below the best so far.
        # With moves, a node's best move (to a larger group) says little about its swaps: plain
        # scan in index order, kinder to the cache. The two loops share the same body.
        if prune:
            for p in range(n - 1):
                i = order[p]
                ri = reach[i] + slack
                if ri + reach[order[p + 1]] < bd - _EPS:
                    break
                g = a[i]
                for q in range(p + 1, n):
                    j = order[q]
                    if ri + reach[j] < bd - _EPS:
                        break
                    h = a[j]
                    if h == g:
                        continue
                    d = delta[i, h] + delta[j, g] - 2.0 * w[i, j]
                    if d < bd - _EPS:
                        continue
                    if not movable[j]:
                        continue
                    if s[i] != s[j]:
                        dd = s[j] - s[i]
                        if size[g] + dd < lo[g] or size[g] + dd > hi[g]:
                            continue
                        if size[h] - dd < lo[h] or size[h] - dd > hi[h]:
                            continue
                    if use_forbid:
                        fij = forbid[i, j]
                        if clash[i, h] - fij > 0 or clash[j, g] - fij > 0:
                            continue
                    if (tabu[i, h] > it or tabu[j, g] > it) and f + d <= fbest + _EPS:
                        continue
                    if d > bd + _EPS:
                        bd = d
                        bi = i
                        bj = j
                        cnt = 1
                    else:
                        cnt += 1
                        if rand_int(state, cnt) == 0:
                            bi = i
                            bj = j
        else:
            for i in range(n):
                if not movable[i]:
                    continue
                g = a[i]
                for j in range(i + 1, n):
                    h = a[j]
                    if h == g:
                        continue
                    d = delta[i, h] + delta[j, g] - 2.0 * w[i, j]
                    if d < bd - _EPS:
                        continue
                    if not movable[j]:
                        continue
                    if s[i] != s[j]:
                        dd = s[j] - s[i]
                        if size[g] + dd < lo[g] or size[g] + dd > hi[g]:
                            continue
                        if size[h] - dd < lo[h] or size[h] - dd > hi[h]:
                            continue
                    if use_forbid:
                        fij = forbid[i, j]
                        if clash[i, h] - fij > 0 or clash[j, g] - fij > 0:
                            continue
                    if (tabu[i, h] > it or tabu[j, g] > it) and f + d <= fbest + _EPS:
                        continue
                    if d > bd + _EPS:
                        bd = d
                        bi = i
                        bj = j
                        cnt = 1
                    else:
                        cnt += 1
                        if rand_int(state, cnt) == 0:
                            bi = i
                            bj = j
        if bi < 0:
            break
        if bj < 0:
            g = a[bi]
            apply_move(w, forbid, s, a, gain, clash, size, bi, bh)
            tabu[bi, g] = it + tenure_min + rand_int(state, tenure_span + 1)
        else:
            g = a[bi]
            h = a[bj]
            apply_move(w, forbid, s, a, gain, clash, size, bi, h)
            apply_move(w, forbid, s, a, gain, clash, size, bj, g)
            tabu[bi, g] = it + tenure_min + rand_int(state, tenure_span + 1)
            tabu[bj, h] = it + tenure_min + rand_int(state, tenure_span + 1)
        f += bd
        if f > fbest + _EPS:
            fbest = f
            best_a[:] = a
            stall = 0
        else:
            stall += 1
    return fbest, it


@njit(cache=True)
def perturb(w, forbid, use_forbid, s, lo, hi, movable, a, gain, clash, size, strength, state):
    """Apply ``strength`` random feasible swaps (or moves); returns the objective change."""
    n = a.shape[0]
    m = lo.shape[0]
    total = 0.0
    done = 0
    tries = 0
    while done < strength and tries < 50 * strength + 100:
        tries += 1
        i = rand_int(state, n)
        if not movable[i]:
            continue
        g = a[i]
        if rand_int(state, 2) == 0:
            h = rand_int(state, m)
            if h == g or size[g] - s[i] < lo[g] or size[h] + s[i] > hi[h]:
                continue
            if use_forbid and clash[i, h] > 0:
                continue
            total += gain[i, h] - gain[i, g]
            apply_move(w, forbid, s, a, gain, clash, size, i, h)
            done += 1
        else:
            j = rand_int(state, n)
            h = a[j]
            if h == g or not movable[j]:
                continue
            dd = s[j] - s[i]
            if dd != 0 and (
                size[g] + dd < lo[g]
                or size[g] + dd > hi[g]
                or size[h] - dd < lo[h]
                or size[h] - dd > hi[h]
            ):
                continue
            if use_forbid:
                fij = forbid[i, j]
                if clash[i, h] - fij > 0 or clash[j, g] - fij > 0:
                    continue
            total += gain[i, h] - gain[i, g] + gain[j, g] - gain[j, h] - 2.0 * w[i, j]
            apply_move(w, forbid, s, a, gain, clash, size, i, h)
            apply_move(w, forbid, s, a, gain, clash, size, j, g)
            done += 1
    return total


@njit(cache=True)
def crossover(w, forbid, use_forbid, s, lo, hi, movable, pa, pb, state):
    """Group-based crossover: alternately inherit the parent group with the most unplaced nodes.

    Leftover nodes go greedily to the best group with room and no forbidden partner, deficits are
    then filled from groups above their lower bound. Returns (child, ok).
    """
    n = pa.shape[0]
    m = lo.shape[0]
    child = np.full(n, -1, dtype=np.int64)
    size = np.zeros(m, dtype=np.int64)
    for i in range(n):
        if not movable[i]:
            child[i] = pa[i]
            size[pa[i]] += s[i]
    used_a = np.zeros(m, dtype=np.bool_)
    used_b = np.zeros(m, dtype=np.bool_)
    taken = np.zeros(m, dtype=np.bool_)
    count = np.zeros(m, dtype=np.int64)
    for step in range(m):
        par = pa if step % 2 == 0 else pb
        used = used_a if step % 2 == 0 else used_b
        count[:] = 0
        for i in range(n):
            if child[i] < 0:
                count[par[i]] += s[i]
        best = -1
        bc = -1
        ties = 0
        for g in range(m):
            if used[g]:
                continue
            if count[g] > bc:
                bc = count[g]
                best = g
                ties = 1
            elif count[g] == bc:
                ties += 1
                if rand_int(state, ties) == 0:
                    best = g
        if best < 0:
            break
        used[best] = True
        tgt = best
        if taken[tgt]:
            tgt = -1
            room = -1
            for g in range(m):
                if not taken[g] and hi[g] - size[g] > room:
                    room = hi[g] - size[g]
                    tgt = g
            if tgt < 0:
                break
        taken[tgt] = True
        members = np.empty(n, dtype=np.int64)
        k = 0
        for i in range(n):
            if child[i] < 0 and par[i] == best:
                members[k] = i
                k += 1
        members = members[:k]
        shuffle(state, members)
        for i in members:
            if size[tgt] + s[i] > hi[tgt]:
                continue
            if use_forbid:
                bad = False
                for j in range(n):
                    if child[j] == tgt and forbid[i, j]:
                        bad = True
                        break
                if bad:
                    continue
            child[i] = tgt
            size[tgt] += s[i]
    # leftovers
    rest = np.empty(n, dtype=np.int64)
    k = 0
    for i in range(n):
        if child[i] < 0:
            rest[k] = i
            k += 1
    rest = rest[:k]
    shuffle(state, rest)
    score = np.zeros(m)
    for i in rest:
        score[:] = 0.0
        ok = np.ones(m, dtype=np.bool_)
        for j in range(n):
            g = child[j]
            if g >= 0:
                score[g] += w[i, j]
                if use_forbid and forbid[i, j]:
                    ok[g] = False
        best = -1
        bk = -np.inf
        for g in range(m):
            if not ok[g] or size[g] + s[i] > hi[g]:
                continue
            key = score[g]
            if size[g] < lo[g]:
                key += 1e18
            if key > bk:
                bk = key
                best = g
        if best < 0:
            return child, False
        child[i] = best
        size[best] += s[i]
    # fill deficits by moving nodes out of groups above their lower bound
    for g in range(m):
        guard = 0
        while size[g] < lo[g] and guard < n:
            guard += 1
            bi = -1
            bk = -np.inf
            for i in range(n):
                h = child[i]
                if h == g or not movable[i] or size[h] - s[i] < lo[h] or size[g] + s[i] > hi[g]:
                    continue
                key = 0.0
                bad = False
                for j in range(n):
                    if child[j] == g:
                        key += w[i, j]
                        if use_forbid and forbid[i, j]:
                            bad = True
                            break
                    elif child[j] == h:
                        key -= w[i, j]
                if bad:
                    continue
                if key > bk:
                    bk = key
                    bi = i
            if bi < 0:
                return child, False
            size[child[bi]] -= s[bi]
            child[bi] = g
            size[g] += s[bi]
        if size[g] < lo[g]:
            return child, False
    return child, True
