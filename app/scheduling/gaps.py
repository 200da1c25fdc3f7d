"""Idle gaps: the secondary goal, fewer waits between a person's meetings.

A gap is a slot, between a participant's first and last meeting of a day, in which they are
available and have no meeting. Slots they are not available in do not count: they are elsewhere,
not waiting. Once the number of meetings is settled, `tighten` moves meetings between slots along
Kempe chains to shorten days, only when the total of gaps falls: every meeting stays in the plan,
fixed meetings and kept hints stay where they are.
"""
import time

from app.scheduling.board import Board
from app.scheduling.prepare import Instance, slots_in


def person_gaps(busy: int, avail: int, day_masks: list[int]) -> int:
    """Gaps of one participant with meetings in `busy` (a mask), days given by their slot masks."""
    total = 0
    for day in day_masks:
        mine = busy & day
        if mine:
            low = mine & -mine
            span = (1 << mine.bit_length()) - low          # first meeting .. last meeting, inclusive
            total += (span & avail & ~mine).bit_count()
    return total


def distinct_days(instance: Instance) -> list[int]:
    return sorted(set(instance.day_mask))


def total_gaps(board: Board) -> int:
    days = distinct_days(board.instance)
    return sum(person_gaps(busy, board.instance.avail[p], days) for p, busy in enumerate(board.busy))


def gap_change(board: Board, p: int, slot: int) -> int:
    """How many gaps `p` gains (negative: loses) if given a meeting in `slot`."""
    inst = board.instance
    mine = board.busy[p] & inst.day_mask[slot]
    if not mine:
        return 0
    first, last = (mine & -mine).bit_length() - 1, mine.bit_length() - 1
    if first < slot < last:
        return -1 if inst.avail[p] >> slot & 1 else 0
    if slot < first:
        between = (1 << first) - (1 << (slot + 1))
    else:
        between = (1 << slot) - (1 << (last + 1))
    return (between & inst.avail[p]).bit_count()


def best_slot(board: Board, e: int, options: int) -> int:
    """Of the slots in `options`, the one adding fewest gaps for both participants (lowest on ties)."""
    inst = board.instance
    p, q = inst.a[e], inst.b[e]
    best, best_cost = -1, None
    for s in slots_in(options):
        cost = gap_change(board, p, s) + gap_change(board, q, s)
        if best_cost is None or cost < best_cost:
            best, best_cost = s, cost
            if cost < 0:
                break
    return best


def tighten(board: Board, *, rounds: int = 4, deadline: float | None = None) -> int:
    """Close gaps by moving a participant's first or last meeting of a day into one of their gaps, along a
    Kempe chain (the meetings of both slots reachable from it swap slots, so nobody is double-booked) and
    only when the total of gaps over everyone on the chain falls. Returns how many gaps were closed."""
    inst = board.instance
    days = distinct_days(inst)
    closed = 0
    for _ in range(rounds):
        before = closed
        for p in range(len(inst.people)):
            for day in days:
                closed += _close_day(board, p, day, days)
            if deadline is not None and time.perf_counter() > deadline:
                board.forget()
                return closed
        board.forget()
        if closed == before:
            break
    return closed


def _close_day(board: Board, p: int, day: int, days: list[int]) -> int:
    inst = board.instance
    mine = board.busy[p] & day
    if not mine or not person_gaps(mine, inst.avail[p], [day]):
        return 0
    closed = 0
    for end in (mine.bit_length() - 1, (mine & -mine).bit_length() - 1):
        e = board.at[p][end]
        if e < 0 or not board.movable(e):
            continue
        mine = board.busy[p] & day
        inside = ((1 << mine.bit_length()) - (mine & -mine)) & ~mine & inst.usable[e]
        for hole in [*slots_in(inside), *slots_in(inst.usable[e] & day & ~mine & ~inside)]:
            gain = _swap_chain(board, e, end, hole, days)
            if gain:
                closed += gain
                break
    return closed


def _swap_chain(board: Board, e: int, x: int, y: int, days: list[int], limit: int = 40) -> int:
    """Swap slots x and y on the x/y component of meeting `e` if that lowers the gaps; returns the gain."""
    inst = board.instance
    both = (1 << x) | (1 << y)
    chain, people, todo = {e}, set(), [inst.a[e], inst.b[e]]
    while todo:
        p = todo.pop()
        if p in people:
            continue
        people.add(p)
        for s in (x, y):
            if board.busy[p] >> s & 1:
                f = board.at[p][s]
                if not board.movable(f) or inst.usable[f] & both != both:
                    return 0
                if f not in chain:
                    chain.add(f)
                    if len(chain) > limit:
                        return 0
                todo.append(board.other(f, p))
    on_x = sum(1 for f in chain if board.slot_of[f] == x)
    on_y = len(chain) - on_x
    if board.load[y] + on_x - on_y > inst.room[y] or board.load[x] + on_y - on_x > inst.room[x]:
        return 0
    old = sum(person_gaps(board.busy[p], inst.avail[p], days) for p in people)
    new = sum(person_gaps(_swapped(board.busy[p], x, y), inst.avail[p], days) for p in people)
    if new >= old:
        return 0
    slots = {f: board.remove(f) for f in sorted(chain)}
    for f in sorted(chain):
        board.place(f, y if slots[f] == x else x)
    return old - new


def _swapped(mask: int, x: int, y: int) -> int:
    if (mask >> x & 1) == (mask >> y & 1):
        return mask
    return mask ^ ((1 << x) | (1 << y))
