"""Why a request was left out, in words an organizer or participant can act on.

Each reason is read off the final plan, most specific first: no common slot at all; slots taken by
locked meetings; a cap reached; an over-asked participant whose slots are all spoken for; an event
with every table taken; no table left where both are free; and otherwise when each of the two is
free while the other is busy.

`why` returns a `Reason` (data: a kind, the participants, counts and slot masks it quotes); `say`
puts it in words. The core says it in English; the web layer passes its own gettext and ngettext so
that each reader gets it in their language (the `_(...)` and `ngettext(...)` literals below are
extracted for the catalogs).
"""
from collections.abc import Callable
from dataclasses import dataclass

from app.scheduling.board import Board
from app.scheduling.prepare import Instance, slots_in


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


@dataclass(frozen=True)
class Reason:
    """`people`: participant keys; `counts`: numbers; `slots`: slot masks, each as `kind` needs them."""

    kind: str
    people: tuple[str, ...] = ()
    counts: tuple[int, ...] = ()
    slots: tuple[int, ...] = ()


def _slot_list(mask: int, _: Callable[[str], str], most: int = 6) -> str:
    slots = [str(s) for s in slots_in(mask)]
    if len(slots) == 1:
        return _("slot {slot}").format(slot=slots[0])
    if len(slots) > most:
        return _("slots {slots} and {count} more").format(slots=", ".join(slots[:most]), count=len(slots) - most)
    return _("slots {slots} and {last}").format(slots=", ".join(slots[:-1]), last=slots[-1])


def say(reason: Reason, gettext: Callable[[str], str] = _english,
        ngettext: Callable[[str, str, int], str] = _english_plural,
        name: Callable[[str], str] = str) -> str:
    """The reason as a sentence: in English by default, or through the given gettext and ngettext;
    `name` turns a participant key into what the reader knows them by."""
    _ = gettext
    names = [name(p) for p in reason.people]
    counts, masks = reason.counts, reason.slots
    match reason.kind:
        case "no_common_slot":
            return _("{a} and {b} have no common free slot").format(a=names[0], b=names[1])
        case "slots_taken_by_fixed":
            return _("every slot both {a} and {b} can attend ({slots}) is taken by a fixed meeting of one of "
                     "them").format(a=names[0], b=names[1], slots=_slot_list(masks[0], _))
        case "tables_taken_by_fixed":
            return _("no table is free in any slot both can attend: fixed meetings take them all")
        case "cap_reached":
            return ngettext("{name} already has the maximum of {count} meeting",
                            "{name} already has the maximum of {count} meetings", counts[0]).format(
                name=names[0], count=counts[0])
        case "over_asked":
            meetings = ngettext("{count} meeting", "{count} meetings", counts[0]).format(count=counts[0])
            slots = ngettext("{count} free slot", "{count} free slots", counts[1]).format(count=counts[1])
            return _("dropped to fit {name}'s other requests ({name} is asked for {meetings} but has "
                     "{slots})").format(name=names[0], meetings=meetings, slots=slots)
        case "event_full":
            return _("no table is free in any slot both can attend: the event is full ({tables} tables x "
                     "{slots} slots all taken); more tables or slots would fit it").format(
                tables=counts[0], slots=counts[1])
        case "tables_taken":
            return _("no table is free in any slot both can attend (every table of {slots} is taken); more "
                     "tables would fit it").format(slots=_slot_list(masks[0], _))
        case _:  # "never_together": masks are the slots each of the two is free in while the other is busy
            parts = []
            for k, (who, other) in enumerate(((names[0], names[1]), (names[1], names[0]))):
                parts.append(_("{name} is free only in {slots}, when {other} is busy").format(
                    name=who, slots=_slot_list(masks[k], _), other=other) if masks[k]
                    else _("{name} is booked in every one of them").format(name=who))
            return ngettext("{a} and {b} are never free at the same time in the {count} slot both can attend: "
                            "{parts}; moving one of their other meetings by hand could fit it",
                            "{a} and {b} are never free at the same time in the {count} slots both can attend: "
                            "{parts}; moving one of their other meetings by hand could fit it",
                            counts[0]).format(a=names[0], b=names[1], count=counts[0], parts="; ".join(parts))


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

    def why(self, e: int) -> Reason:
        inst, board = self.instance, self.board
        p, q = inst.a[e], inst.b[e]
        names = inst.people
        common = inst.avail[p] & inst.avail[q]
        if not common:
            return Reason("no_common_slot", (names[p], names[q]))
        if not inst.usable[e]:
            if not common & ~inst.fixed_busy[p] & ~inst.fixed_busy[q]:
                return Reason("slots_taken_by_fixed", (names[p], names[q]), slots=(common,))
            return Reason("tables_taken_by_fixed")
        for r in (p, q):
            cap = inst.cap[r]
            if cap is not None and self.meetings[r] >= cap:
                return Reason("cap_reached", (names[r],), (cap,))
        for r in (p, q):
            slots = self.reach[r].bit_count()
            if self.asked[r] > slots and not inst.usable[e] & ~board.busy[r]:
                return Reason("over_asked", (names[r],), (self.asked[r], slots))
        if board.full == (1 << inst.slots) - 1:
            return Reason("event_full", counts=(inst.tables, inst.slots))
        both_free = inst.usable[e] & ~board.busy[p] & ~board.busy[q]
        if both_free:
            return Reason("tables_taken", slots=(both_free,))
        return Reason("never_together", (names[p], names[q]), (inst.usable[e].bit_count(),),
                      (inst.usable[e] & ~board.busy[p], inst.usable[e] & ~board.busy[q]))
