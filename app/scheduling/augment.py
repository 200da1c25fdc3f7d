"""Grow the kept set along augmenting trails, closing most of the gap the rounding of the flow leaves.

Why: the fractional plan is half-integral; rounding it greedily loses a request here and there
(around odd cycles of half-used requests). A kept set of b-matching size k grows by one along a
trail that alternates not-kept and kept requests between two participants still below their limit:
flipping the trail adds one request to each end and swaps one for another everywhere inside. A
multi-source breadth-first search over (participant, parity) finds such trails in one pass over the
requests. It can miss trails that need an odd cycle (a blossom), which is why the bound may stay a
few requests above. Each flip is checked against every touched participant's distinct-slot fit and
must not lower the summed weight.
"""
import time
from collections import deque

from app.scheduling.fit import SlotFit
from app.scheduling.prepare import Instance


class Augmenter:
    """Holds the kept set, per-participant counts and slot fits that `select` built, and grows them."""

    def __init__(self, instance: Instance, *, kept: list[int], fits: list[SlotFit], count: list[int],
                 limits: list[int], weights: dict[int, int], pool: list[int]):
        self.instance, self.fits, self.count, self.limits, self.weights = instance, fits, count, limits, weights
        self.kept = set(kept)
        self.incident: list[list[int]] = [[] for _ in instance.people]
        for e in pool:
            self.incident[instance.a[e]].append(e)
            self.incident[instance.b[e]].append(e)
        self.banned: set[int] = set()

    def _other(self, e: int, p: int) -> int:
        return self.instance.b[e] if self.instance.a[e] == p else self.instance.a[e]

    def run(self, *, total: int, attempts: int, deadline: float) -> int:
        """Flip trails until none is found, `total` is reached, `attempts` run out or the clock passes
        `deadline` (a guard for slow machines); returns the flips made."""
        flips = 0
        while len(self.kept) < total and attempts > 0 and time.perf_counter() < deadline:
            attempts -= 1
            trail = self._find()
            if trail is None:
                break
            if self._flip(*trail):
                flips += 1
            else:
                self.banned.add(trail[1][-1])
        return flips

    def _open(self, p: int, need: int = 1) -> bool:
        return self.count[p] + need <= self.limits[p]

    def _find(self):
        """Shortest trail (start participant, [requests]) between two participants below their limit."""
        parent: dict[tuple[int, int], tuple] = {}
        queue = deque()
        for p in range(len(self.instance.people)):
            if self._open(p):
                parent[p, 0] = (None, None, p)
                queue.append((p, 0))
        while queue:
            v, parity = queue.popleft()
            root = parent[v, parity][2]
            for e in self.incident[v]:
                if (e in self.kept) != (parity == 1) or e in self.banned or (parity == 1 and e in self.instance.hint):
                    continue
                u = self._other(e, v)
                state = (u, 1 - parity)
                if state in parent:
                    continue
                parent[state] = ((v, parity), e, root)
                if parity == 0 and self._open(u, 2 if u == root else 1):
                    return self._trail(parent, state)
                queue.append(state)
        return None

    @staticmethod
    def _trail(parent, state):
        edges = []
        while parent[state][0] is not None:
            previous, e, _ = parent[state]
            edges.append(e)
            state = previous
        return state[0], edges[::-1]

    def _flip(self, start: int, edges: list[int]) -> bool:
        """Apply the trail if its requests are distinct, it does not lose weight and every slot fit holds."""
        if len(set(edges)) != len(edges):
            return False
        if sum(self.weights[e] * (-1 if e in self.kept else 1) for e in edges) < 0:
            return False
        people = [start]
        for e in edges:
            people.append(self._other(e, people[-1]))
        # Each participant on the trail: the ends gain their request, the inner ones swap a kept one for a new one.
        changes = [(people[0], None, edges[0])]
        for i in range(1, len(edges)):
            leaving, arriving = (edges[i - 1], edges[i]) if edges[i - 1] in self.kept else (edges[i], edges[i - 1])
            changes.append((people[i], leaving, arriving))
        changes.append((people[-1], None, edges[-1]))
        usable, done = self.instance.usable, []
        for p, leaving, arriving in changes:
            if leaving is not None:
                self.fits[p].remove(leaving)
                done.append((p, leaving, False))
            if not self.fits[p].try_add(arriving, usable):
                for q, e, added in reversed(done):
                    if added:
                        self.fits[q].remove(e)
                    else:
                        self.fits[q].try_add(e, usable)
                return False
            done.append((p, arriving, True))
        for e in edges:
            if e in self.kept:
                self.kept.remove(e)
            else:
                self.kept.add(e)
        self.count[people[0]] += 1
        self.count[people[-1]] += 1
        return True
