"""One participant's kept requests, each holding a distinct usable slot: proof that they can all be met.

Why: a participant free in ten slots cannot take ten requests if six of them can only happen in the
same two slots. Keeping a bipartite matching (requests -> slots) per participant, grown by one
augmenting path per added request (Kuhn's algorithm), says exactly how many of their requests fit;
the bound uses it for each participant's limit and the selection for every request it keeps.
"""
from app.scheduling.prepare import slots_in


class SlotFit:
    """One participant's kept requests, each holding a distinct usable slot: the proof that they fit."""

    __slots__ = ("owner", "slot_of")

    def __init__(self):
        self.owner: dict[int, int] = {}     # slot -> request
        self.slot_of: dict[int, int] = {}   # request -> slot

    def try_add(self, request: int, usable: list[int]) -> bool:
        """Add `request` if an augmenting path gives it a slot; leaves everything as it was if not."""
        seen = [0]

        def augment(e: int) -> bool:
            options = list(slots_in(usable[e] & ~seen[0]))
            for s in options:
                if s not in self.owner:
                    self._give(e, s)
                    return True
            for s in options:
                if not seen[0] >> s & 1:
                    seen[0] |= 1 << s
                    if augment(self.owner[s]):
                        self._give(e, s)
                        return True
            return False

        return augment(request)

    def _give(self, request: int, slot: int) -> None:
        self.owner[slot] = request
        self.slot_of[request] = slot

    def remove(self, request: int) -> None:
        del self.owner[self.slot_of.pop(request)]
