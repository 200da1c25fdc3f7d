"""Why a request was left out, in words an organizer or participant can act on.

Each reason is read off the final plan, most specific first: no common slot at all; slots taken by
locked meetings; a cap reached; an over-asked participant whose slots are all spoken for; an event
with every table taken; no table left where both are free; and otherwise when each of the two is
free while the other is busy.
"""
from app.scheduling.board import Board
from app.scheduling.prepare import Instance, slots_in


def _slot_list(mask: int, most: int = 6) -> str:
    slots = [str(s) for s in slots_in(mask)]
    if len(slots) == 1:
        return f"slot {slots[0]}"
    if len(slots) > most:
        return "slots " + ", ".join(slots[:most]) + f" and {len(slots) - most} more"
    return "slots " + ", ".join(slots[:-1]) + " and " + slots[-1]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Explainer:
    """Counts per participant, computed once, that the reasons quote."""

    def __init__(self, instance: Instance, board: Board):
        self.instance, self.board = instance, board
        n = len(instance.people)
        self.asked = [0] * n
        self.reach = [0] * n          # slots in which at least one of a participant's requests could be held
        self.meetings = list(board.count)
        for e in range(len(instance.request_ids)):
            for p in (instance.a[e], instance.b[e]):
                self.asked[p] += 1
                self.meetings[p] += e in instance.fixed
                self.reach[p] |= instance.usable[e] | (instance.fixed_busy[p] if e in instance.fixed else 0)

    def why(self, e: int) -> str:
        inst, board = self.instance, self.board
        p, q = inst.a[e], inst.b[e]
        names = inst.people
        common = inst.avail[p] & inst.avail[q]
        if not common:
            return f"{names[p]} and {names[q]} have no common free slot"
        if not inst.usable[e]:
            if not common & ~inst.fixed_busy[p] & ~inst.fixed_busy[q]:
                return (f"every slot both {names[p]} and {names[q]} can attend ({_slot_list(common)}) "
                        f"is taken by a fixed meeting of one of them")
            return "no table is free in any slot both can attend: fixed meetings take them all"
        for r in (p, q):
            cap = inst.cap[r]
            if cap is not None and self.meetings[r] >= cap:
                return f"{names[r]} already has the maximum of {_plural(cap, 'meeting')}"
        for r in (p, q):
            slots = self.reach[r].bit_count()
            if self.asked[r] > slots and not inst.usable[e] & ~board.busy[r]:
                return (f"dropped to fit {names[r]}'s other requests ({names[r]} is asked for "
                        f"{_plural(self.asked[r], 'meeting')} but has {_plural(slots, 'free slot')})")
        if board.full == (1 << inst.slots) - 1:
            return (f"no table is free in any slot both can attend: the event is full ({inst.tables} tables x "
                    f"{inst.slots} slots all taken); more tables or slots would fit it")
        both_free = inst.usable[e] & ~board.busy[p] & ~board.busy[q]
        if both_free:
            return (f"no table is free in any slot both can attend (every table of {_slot_list(both_free)} "
                    f"is taken); more tables would fit it")
        parts = []
        for r, other in ((p, q), (q, p)):
            free = inst.usable[e] & ~board.busy[r]
            parts.append(f"{names[r]} is free only in {_slot_list(free)}, when {names[other]} is busy" if free
                         else f"{names[r]} is booked in every one of them")
        return (f"{names[p]} and {names[q]} are never free at the same time in the "
                f"{_plural(inst.usable[e].bit_count(), 'slot')} both can attend: {'; '.join(parts)}; "
                f"moving one of their other meetings by hand could fit it")
