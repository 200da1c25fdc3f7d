"""The plan being built: who meets in which slot, kept as masks so a move costs a few integer operations.

Why an undo log: repair tries chains of moves (Kempe swaps, ejections) and must take them back when
the chain fails; logging each placement and removal makes every attempt a `mark` and, on failure, an
`undo`, without copying the plan. Tables are not tracked here, only how many a slot still has: a
slot's meetings get their table numbers once at the end (`solver.tables_for`).
"""
from app.scheduling.prepare import Instance


class Board:
    """Slots of the non-fixed meetings; fixed ones are already in `busy` and out of `room`."""

    def __init__(self, instance: Instance):
        self.instance = instance
        n, slots = len(instance.people), instance.slots
        self.at = [[-1] * slots for _ in range(n)]      # participant -> slot -> request there (-1: none)
        self.busy = list(instance.fixed_busy)           # participant -> mask of slots with any meeting
        self.count = [0] * n                            # participant -> non-fixed meetings
        self.slot_of = [-1] * len(instance.request_ids)
        self.members = [set() for _ in range(slots)]    # slot -> non-fixed requests placed there
        self.load = [0] * slots
        self.full = sum(1 << s for s in range(slots) if instance.room[s] <= 0)
        self.held = set()                               # requests repair may not move (hints kept in place)
        self.placed = 0
        self.value = 0
        self.log: list[tuple[int, int]] = []            # (request, slot it had before: -1 when unplaced)

    def open_slots(self, e: int) -> int:
        """Mask of slots where `e` can go right now without moving anything."""
        inst = self.instance
        p, q = inst.a[e], inst.b[e]
        if self.count[p] >= inst.cap_left[p] or self.count[q] >= inst.cap_left[q]:
            return 0
        return inst.usable[e] & ~self.busy[p] & ~self.busy[q] & ~self.full

    def place(self, e: int, slot: int) -> None:
        inst = self.instance
        for p in (inst.a[e], inst.b[e]):
            self.at[p][slot] = e
            self.busy[p] |= 1 << slot
            self.count[p] += 1
        self.slot_of[e] = slot
        self.members[slot].add(e)
        self.load[slot] += 1
        if self.load[slot] >= inst.room[slot]:
            self.full |= 1 << slot
        self.placed += 1
        self.value += inst.weight[e]
        self.log.append((e, -1))

    def remove(self, e: int) -> int:
        """Take `e` off the plan; returns the slot it had."""
        inst = self.instance
        slot = self.slot_of[e]
        for p in (inst.a[e], inst.b[e]):
            self.at[p][slot] = -1
            self.busy[p] &= ~(1 << slot)
            self.count[p] -= 1
        self.slot_of[e] = -1
        self.members[slot].discard(e)
        self.load[slot] -= 1
        self.full &= ~(1 << slot)
        self.placed -= 1
        self.value -= inst.weight[e]
        self.log.append((e, slot))
        return slot

    def move(self, e: int, slot: int) -> None:
        self.remove(e)
        self.place(e, slot)

    def mark(self) -> int:
        return len(self.log)

    def undo(self, mark: int) -> None:
        """Take back every placement and removal made since `mark`."""
        while len(self.log) > mark:
            e, before = self.log.pop()
            if self.slot_of[e] >= 0:
                self.remove(e)
            else:
                self.place(e, before)
            self.log.pop()   # the inverse operation just logged itself

    def forget(self) -> None:
        """Drop the undo history (call between independent attempts)."""
        self.log.clear()

    def movable(self, e: int) -> bool:
        return e >= 0 and e not in self.instance.fixed and e not in self.held

    def other(self, e: int, p: int) -> int:
        inst = self.instance
        return inst.b[e] if inst.a[e] == p else inst.a[e]
