"""Exact polish with OR-Tools CP-SAT, for plans that fall short of the flow bound.

Why only then, and only when small: the heuristic usually lands on the bound, which proves it
optimal at no cost. When it does not, the gap is either the heuristic's or the bound's (odd cycles
of over-asked participants make the fractional bound unreachable). A model with one 0/1 choice per
(request, usable slot) settles it for forum-sized events (a few thousand choices) within a second:
CP-SAT either finds the missing meetings or proves none exist, and its proven objective bound then
tightens `upper_bound`. One worker and a deterministic time limit keep the result reproducible.
"""
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from app.scheduling.board import Board
from app.scheduling.prepare import slots_in

MAX_CHOICES = 60_000   # beyond this the model costs more than the seconds it is given


@dataclass
class Polish:
    improved: bool
    proven_optimal: bool
    count_bound: int | None   # proven bound on non-fixed meetings, when the objective allows one


def polish(board: Board, requests: list[int], *, deadline: float, seed: int) -> Polish | None:
    """Search the best plan of `requests` (the non-fixed candidates) starting from the board's, until
    `deadline` (perf_counter seconds); apply it if better. None when too large or out of time."""
    inst = board.instance
    choices = sum(inst.usable[e].bit_count() for e in requests)
    if choices > MAX_CHOICES or deadline - time.perf_counter() < 0.1 or not requests:
        return None
    model = cp_model.CpModel()
    x = {(e, s): model.new_bool_var(f"x{e}_{s}") for e in requests for s in slots_in(inst.usable[e])}
    by_person_slot: dict[tuple[int, int], list] = {}
    by_slot: list[list] = [[] for _ in range(inst.slots)]
    by_person: dict[int, list] = {}
    for (e, s), var in x.items():
        by_slot[s].append(var)
        for p in (inst.a[e], inst.b[e]):
            by_person_slot.setdefault((p, s), []).append(var)
            by_person.setdefault(p, []).append(var)
    for e in requests:
        mine = [x[e, s] for s in slots_in(inst.usable[e])]
        if e in inst.hint:
            model.add_exactly_one(mine)          # a kept hint stays scheduled, though it may move
        else:
            model.add_at_most_one(mine)
    for group in by_person_slot.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for s, group in enumerate(by_slot):
        if len(group) > inst.room[s]:
            model.add(sum(group) <= inst.room[s])
    for p, group in by_person.items():
        if len(group) > inst.cap_left[p]:
            model.add(sum(group) <= inst.cap_left[p])
    spread = len(inst.hint) + 1                  # staying on a hint's slot only breaks ties of weight
    model.maximize(sum(inst.weight[e] * spread * var for (e, s), var in x.items())
                   + sum(x[e, slot] for e, (slot, _) in inst.hint.items() if (e, slot) in x))
    for (e, s), var in x.items():
        model.add_hint(var, board.slot_of[e] == s)
    seconds = deadline - time.perf_counter()     # what is left once the model is built
    if seconds < 0.05:
        return None
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = seconds * 0.7
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Polish(improved=False, proven_optimal=False, count_bound=None)
    current = sum(inst.weight[e] for e in requests if board.slot_of[e] >= 0)
    found = {e: s for (e, s), var in x.items() if solver.boolean_value(var)}
    improved = sum(inst.weight[e] for e in found) > current
    if improved:
        for e in requests:
            if board.slot_of[e] >= 0:
                board.remove(e)
        for e in sorted(found):
            board.place(e, found[e])
        board.forget()
    count_bound = None
    if not inst.hint:   # with hints the model is restricted, so its bound says nothing of all plans
        lightest = min(inst.weight[e] for e in requests)
        count_bound = int(solver.best_objective_bound + 1e-6) // lightest
    return Polish(improved=improved, proven_optimal=status == cp_model.OPTIMAL, count_bound=count_bound)
