"""Lay the kept requests out in slots: greedy first, then repair what greedy could not place.

Placing meetings is list edge-colouring (participants are vertices, requests edges, slots colours,
each edge limited to the slots both can attend) with a table count per colour. Greedy alone leaves
a few per cent unplaced; the repairs below place nearly all of them without dropping anything:

* Kempe chain: `a` is free in slot x, `b` in slot y. Swapping x and y along the alternating x/y path
  that starts at `b` frees x for `b` too (Vizing's argument), if every meeting on it can use both.
* Table shift: both are free in slot s but its tables are taken; move one meeting of s elsewhere.
* Ejection: put the request in a slot anyway, lifting the (at most two) meetings in the way, and
  re-insert those recursively with less depth; the whole chain is undone if any of them fails.

Everything is tried in a fixed order with a seeded random generator, so a run is reproducible.
"""
import random
import time

from app.scheduling.board import Board
from app.scheduling.gaps import best_slot
from app.scheduling.prepare import slots_in


class Placer:
    """Places requests on `board`; `deadline` (perf_counter seconds) only guards against slow machines."""

    def __init__(self, board: Board, *, limits: list[int], seed: int, deadline: float):
        self.board = board
        self.limits = limits          # proven most meetings per participant: no move can go beyond
        self.random = random.Random(seed)
        self.deadline = deadline

    def out_of_time(self) -> bool:
        return time.perf_counter() > self.deadline

    def direct(self, e: int) -> bool:
        options = self.board.open_slots(e)
        if not options:
            return False
        wish = self.board.instance.stale_hints.get(e, (-1, -1))[0]
        self.board.place(e, wish if wish >= 0 and options >> wish & 1 else best_slot(self.board, e, options))
        return True

    def _room_for(self, e: int) -> bool:
        inst, board = self.board.instance, self.board
        p, q = inst.a[e], inst.b[e]
        return board.count[p] < inst.cap_left[p] and board.count[q] < inst.cap_left[q]

    def kempe(self, e: int) -> bool:
        """Free a slot for `e` by swapping two slots along one alternating path."""
        board, inst = self.board, self.board.instance
        if not self._room_for(e):
            return False
        p, q, usable = inst.a[e], inst.b[e], inst.usable[e]
        free_p, free_q = usable & ~board.busy[p], usable & ~board.busy[q]
        for start, end, x_mask, y_mask in ((q, p, free_p & ~free_q, free_q & ~free_p),
                                           (p, q, free_q & ~free_p, free_p & ~free_q)):
            for x in slots_in(x_mask & ~board.full):
                for y in slots_in(y_mask):
                    if self._swap_path(start, end, x, y):
                        board.place(e, x)
                        return True
        return False

    def _swap_path(self, start: int, avoid: int, x: int, y: int) -> bool:
        """Swap slots x and y on the x/y path from `start` (which is busy in x, free in y); refuse if the path
        reaches `avoid`, holds a meeting that cannot use both slots or cannot move, or overfills a slot."""
        board, inst = self.board, self.board.instance
        both = (1 << x) | (1 << y)
        path, person, slot = [], start, x
        while board.busy[person] >> slot & 1:
            f = board.at[person][slot]
            if not board.movable(f) or inst.usable[f] & both != both:
                return False
            person = board.other(f, person)
            if person == avoid:
                return False
            path.append(f)
            slot = y if slot == x else x
        on_x = (len(path) + 1) // 2
        on_y = len(path) // 2
        if board.load[y] - on_y + on_x > inst.room[y] or board.load[x] - on_x + on_y + 1 > inst.room[x]:
            return False
        old = [board.remove(f) for f in path]
        for f, s in zip(path, old):
            board.place(f, y if s == x else x)
        return True

    def shift_table(self, e: int) -> bool:
        """Both are free in a full slot: move one of its meetings to a slot with a table left."""
        board, inst = self.board, self.board.instance
        if not self._room_for(e):
            return False
        p, q = inst.a[e], inst.b[e]
        for s in slots_in(inst.usable[e] & ~board.busy[p] & ~board.busy[q] & board.full):
            for g in sorted(board.members[s]):
                if not board.movable(g):
                    continue
                options = board.open_slots(g)
                if options:
                    board.move(g, best_slot(board, g, options))
                    board.place(e, s)
                    return True
        return False

    def insert(self, e: int, depth: int = 2) -> bool:
        """Place `e` by any of the moves, ejection chains up to `depth` meetings deep."""
        inst, count = self.board.instance, self.board.count
        if count[inst.a[e]] >= self.limits[inst.a[e]] or count[inst.b[e]] >= self.limits[inst.b[e]]:
            return False
        if self.direct(e) or self.kempe(e) or self.shift_table(e):
            return True
        return depth > 0 and self.eject(e, depth)

    def eject(self, e: int, depth: int) -> bool:
        board, inst = self.board, self.board.instance
        if not self._room_for(e):
            return False
        p, q = inst.a[e], inst.b[e]
        slots = list(slots_in(inst.usable[e]))
        self.random.shuffle(slots)
        slots.sort(key=lambda s: (board.busy[p] >> s & 1) + (board.busy[q] >> s & 1))
        for s in slots:
            blockers = {board.at[r][s] for r in (p, q) if board.busy[r] >> s & 1}
            if not all(board.movable(f) for f in blockers):
                continue
            if not blockers and board.full >> s & 1:
                movable = sorted(f for f in board.members[s] if board.movable(f))
                if not movable:
                    continue
                blockers = {self.random.choice(movable)}
            if self._eject_into(e, s, sorted(blockers), depth):
                return True
            if self.out_of_time():
                return False
        return False

    def _eject_into(self, e: int, slot: int, blockers: list[int], depth: int) -> bool:
        board = self.board
        mark = board.mark()
        for f in blockers:
            board.remove(f)
        board.place(e, slot)
        if all(self.insert(f, depth - 1) for f in blockers):
            return True
        board.undo(mark)
        return False

    def place_all(self, requests: list[int], *, depth: int = 2) -> list[int]:
        """Insert `requests` in order; returns those still unplaced."""
        left = []
        for e in requests:
            if self.board.slot_of[e] < 0 and not self.insert(e, depth if not self.out_of_time() else 0):
                left.append(e)
            self.board.forget()
        return left
