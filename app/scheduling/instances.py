"""Seeded random events for tests and the bench, shaped like a B2B forum, and the plain greedy baseline.

Why this shape: at a Lancang-Mekong forum most requests join an SME to an investor, some join two SMEs
(suppliers, partners) or two investors (co-investment); a few investors are asked far more often than
they have slots, and about a third of the participants arrive late, leave early or step out for a
panel. Uniform random graphs have none of the over-asked hubs that make scheduling hard.
"""
import random

from app.scheduling.model import MeetingRequest, Problem


def random_event(*, participants: int, requests: int, slots: int, tables: int, seed: int = 0,
                 partial: float = 0.3, investor_share: float = 0.5, within_group: float = 0.1,
                 days: int = 1, priorities: tuple[float, ...] = (1.0,), max_meetings: int | None = None,
                 skew: float = 0.3) -> Problem:
    """A forum with `participants` (SMEs "s…" and investors "i…") and about `requests` distinct pairs;
    the investor of popularity rank k is asked in proportion to 1 / (k + 1) ** skew."""
    rng = random.Random(seed)
    n_investors = max(1, round(participants * investor_share))
    investors = [f"i{k}" for k in range(n_investors)]
    smes = [f"s{k}" for k in range(max(1, participants - n_investors))]
    # Popularity falls with rank: the first investors are asked several times more often than the last.
    investor_pull = [1 / (k + 1) ** skew for k in range(len(investors))]
    sme_pull = [1 / (k + 1) ** 0.1 for k in range(len(smes))]
    pairs: set[tuple[str, str]] = set()
    made: list[MeetingRequest] = []
    attempts = 0
    while len(made) < requests and attempts < 50 * requests:
        attempts += 1
        roll = rng.random()
        if roll >= within_group:
            a, b = rng.choices(smes, sme_pull)[0], rng.choices(investors, investor_pull)[0]
        elif roll < within_group * 0.7:
            a, b = rng.sample(smes, 2) if len(smes) > 1 else (smes[0], investors[0])
        else:
            a, b = rng.sample(investors, 2) if len(investors) > 1 else (smes[0], investors[0])
        if (a, b) in pairs or (b, a) in pairs:
            continue
        pairs.add((a, b))
        made.append(MeetingRequest(id=f"m{len(made)}", a=a, b=b, priority=rng.choice(priorities)))
    availability = {}
    for person in investors + smes:
        if rng.random() < partial:
            availability[person] = _partial_day(rng, slots)
    day_of = [s * days // slots for s in range(slots)] if days > 1 else None
    return Problem(slots=slots, tables=tables, requests=made, availability=availability,
                   max_meetings=max_meetings, days=day_of)


def _partial_day(rng: random.Random, slots: int) -> set[int]:
    """A window of half to nearly all the slots, sometimes with a one-slot break inside."""
    length = rng.randint(max(1, slots // 2), max(1, slots - 1))
    start = rng.randint(0, slots - length)
    window = set(range(start, start + length))
    if length > 3 and rng.random() < 0.3:
        window.discard(rng.randrange(start + 1, start + length - 1))
    return window


def plain_greedy(problem: Problem) -> int:
    """Requests in order of priority, each in the first slot where both are free and a table is left:
    the baseline the solver is compared with. Returns how many it schedules (fixed meetings included)."""
    everyone = set(range(problem.slots))
    busy: dict[str, set[int]] = {}
    count: dict[str, int] = {}
    load = [0] * problem.slots
    scheduled = 0
    for request in problem.requests:
        if request.id in problem.fixed:
            slot = problem.fixed[request.id][0]
            load[slot] += 1
            scheduled += 1
            for p in (request.a, request.b):
                busy.setdefault(p, set()).add(slot)
                count[p] = count.get(p, 0) + 1
    for request in sorted(problem.requests, key=lambda r: -r.priority):
        if request.id in problem.fixed:
            continue
        a, b = request.a, request.b
        caps = [problem.cap_of(p) for p in (a, b)]
        if any(cap is not None and count.get(p, 0) >= cap for p, cap in zip((a, b), caps)):
            continue
        free = (set(problem.availability.get(a, everyone)) & set(problem.availability.get(b, everyone))
                - busy.get(a, set()) - busy.get(b, set()))
        slot = next((s for s in sorted(free) if 0 <= s < problem.slots and load[s] < problem.tables), None)
        if slot is None:
            continue
        load[slot] += 1
        scheduled += 1
        for p in (a, b):
            busy.setdefault(p, set()).add(slot)
            count[p] = count.get(p, 0) + 1
    return scheduled
