"""`schedule`: from requests to a plan with a proof of its quality and a reason for each left-out request.

Why this order of stages (each its own module):
1. `prepare.index`  check the problem (clashing fixed meetings -> ValueError) and index it;
2. `bound`          per-participant limits and the max-flow bound; the max-weight flow says what to keep;
3. `select`         keep requests by that flow, each participant's kept requests fitting distinct slots;
4. `repair`         place them: greedy, Kempe-chain swaps, table shifts, ejection chains; then try the rest;
5. `exact`          CP-SAT, only when short of the bound and small enough, to find the rest or prove none;
6. `gaps`           shorten idle waits without losing a meeting; then tables and reasons.

Hints: a hint that still fits (slot usable by both, no clash with fixed meetings or earlier hints, within
caps, a table left) is placed first, on its slot and, when that table is free, its table. Such a request is
never left out. Repair may move it to another slot only when nothing else places a further request, and
gap tightening never moves it; `Result.moved_hints` lists every hinted request not on its hint. A hint that
no longer fits is ignored, except that its request prefers the hinted slot when it is free.
"""
import time

from app.scheduling.board import Board
from app.scheduling.bound import (
    candidates,
    fractional_bound,
    guiding_values,
    person_limits,
    table_limit,
)
from app.scheduling.exact import polish
from app.scheduling.gaps import tighten, total_gaps
from app.scheduling.model import Problem, Result
from app.scheduling.prepare import WEIGHT_SCALE, Instance, index
from app.scheduling.reasons import Explainer, say
from app.scheduling.repair import Placer
from app.scheduling.select import select


def schedule(problem: Problem, time_limit_s: float = 2.0, *, seed: int = 0, exact: bool = True) -> Result:
    """Plan `problem` within about `time_limit_s` seconds. `exact=False` skips the CP-SAT polish.

    Deterministic for a given problem and seed, unless the time limit cuts a stage short.
    """
    clock = _Clock(time_limit_s)
    inst = index(problem)
    limits, total = person_limits(inst), table_limit(inst)
    flow = fractional_bound(inst, limits, total)
    bound = len(inst.fixed) + flow // 2
    hint_bonus = WEIGHT_SCALE * len(inst.request_ids) + 1
    pool = candidates(inst)
    weights = {e: inst.weight[e] + (hint_bonus if e in inst.hint else 0) for e in pool}
    values = guiding_values(inst, limits, total, weights)
    clock.lap("bound")
    # Grow the kept set towards the size of the flow's own plan: with equal priorities and no hints that is the
    # bound; otherwise that plan already gave up requests for weight, and growing past it would undo that.
    kept = select(inst, limits=limits, total=total, values=values, weights=weights,
                  target=sum(values.values()) // 2, deadline=clock.start + 0.3 * time_limit_s)
    clock.lap("select")

    board = Board(inst)
    for e in kept:
        if e in inst.hint:
            board.place(e, inst.hint[e][0])
            board.held.add(e)
    placer = Placer(board, limits=limits, seed=seed, deadline=clock.deadline)
    order = _hardest_first(inst, [e for e in kept if e not in inst.hint])
    left = placer.place_all(order, depth=0)
    greedy_left = len(left)
    left = placer.place_all(left, depth=3)
    kept_set = set(kept)
    rest = sorted((e for e in pool if e not in kept_set), key=lambda e: (-values[e], -inst.weight[e], e))
    left += placer.place_all(rest, depth=1)
    if left and board.held and len(inst.fixed) + board.placed < bound:
        board.held.clear()                        # last resort: hints may move to make room
        left = placer.place_all(sorted(left), depth=2)
        board.held.update(e for e, (slot, _) in inst.hint.items() if board.slot_of[e] == slot)
    clock.lap("place")

    proven = None
    weight_goal = sum(inst.weight[e] * values[e] for e in pool) / 2   # the flow's weight: a bound without hints
    if exact and (len(inst.fixed) + board.placed < bound or board.value < weight_goal):
        proven = polish(board, pool, deadline=clock.deadline - 0.1 * clock.left() - 0.02, seed=seed)
        if proven and proven.count_bound is not None:
            bound = min(bound, len(inst.fixed) + proven.count_bound)
        board.held = {e for e, (slot, _) in inst.hint.items() if board.slot_of[e] == slot}
    clock.lap("exact")
    gaps_removed = tighten(board, deadline=clock.deadline)
    clock.lap("gaps")
    return _result(inst, board, bound=bound, clock=clock, stats={
        "participants": len(inst.people), "requests": len(inst.request_ids), "fixed": len(inst.fixed),
        "candidates": len(pool), "kept": len(kept), "greedy_unplaced": greedy_left,
        "flow_bound_x2": flow, "table_limit": total, "gaps_removed": gaps_removed,
        "weight": board.value, "weight_goal": weight_goal,
        "exact": None if proven is None else {"improved": proven.improved, "optimal": proven.proven_optimal},
    })


class _Clock:
    def __init__(self, limit: float):
        self.start = self.last = time.perf_counter()
        self.deadline = self.start + limit
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[f"{name}_s"] = round(now - self.last, 4)
        self.last = now

    def left(self) -> float:
        return max(0.0, self.deadline - time.perf_counter())


def _hardest_first(inst: Instance, requests: list[int]) -> list[int]:
    """Placement order: requests of the most tightly booked participants, then fewest usable slots."""
    degree, reach = {}, {}
    for e in requests:
        for p in (inst.a[e], inst.b[e]):
            degree[p] = degree.get(p, 0) + 1
            reach[p] = reach.get(p, 0) | inst.usable[e]
    slack = {p: reach[p].bit_count() - degree[p] for p in degree}
    return sorted(requests, key=lambda e: (min(slack[inst.a[e]], slack[inst.b[e]]),
                                           slack[inst.a[e]] + slack[inst.b[e]], inst.usable[e].bit_count(), e))


def tables_for(inst: Instance, board: Board) -> dict[int, tuple[int, int]]:
    """Table numbers: fixed meetings keep theirs, hinted meetings on their hinted slot keep their table when it
    is free (kept hints first, then stale ones), the rest take the lowest free tables."""
    placed = dict(inst.fixed)
    for s in range(inst.slots):
        taken = set(inst.fixed_tables[s])
        members = sorted(board.members[s])
        for hints in (inst.hint, inst.stale_hints):
            for e in members:
                slot, table = hints.get(e, (None, None))
                if e not in placed and slot == s and table is not None and 0 <= table < inst.tables \
                        and table not in taken:
                    placed[e] = (s, table)
                    taken.add(table)
        free = (t for t in range(inst.tables) if t not in taken)
        for e in members:
            if e not in placed:
                placed[e] = (s, next(free))
    return placed


def _result(inst: Instance, board: Board, *, bound: int, clock: _Clock, stats: dict) -> Result:
    placed = tables_for(inst, board)
    ids = inst.request_ids
    explain = Explainer(inst, board)
    unscheduled = [e for e in range(len(ids)) if e not in placed]
    where = {rid: e for e, rid in enumerate(ids)}
    hinted = [where[rid] for rid in inst.problem.hint if rid in where and where[rid] not in inst.fixed]
    moved = sorted(e for e in hinted if placed.get(e) != tuple(inst.problem.hint[ids[e]]))
    count = len(placed)
    explanations = {ids[e]: explain.why(e) for e in unscheduled}
    stats.update(clock.laps, scheduled=count, upper_bound=bound, total_s=round(time.perf_counter() - clock.start, 4))
    return Result(assignments={ids[e]: placed[e] for e in sorted(placed)},
                  unscheduled=[ids[e] for e in unscheduled],
                  reasons={rid: say(reason) for rid, reason in explanations.items()},
                  upper_bound=bound, optimal=count == bound, gaps=total_gaps(board),
                  moved_hints=[ids[e] for e in moved], stats=stats, explanations=explanations)
