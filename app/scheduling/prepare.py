"""Checks a Problem once and turns it into small integers and slot bitmasks.

Why bitmasks: a participant's free slots, a request's usable slots and a slot's fullness are sets
over a few dozen slots; as Python ints their intersections are one operation each, which keeps the
greedy and repair loops fast in pure Python. Every later stage reads this `Instance` only.
"""
import math
from dataclasses import dataclass

from app.scheduling.model import Problem

WEIGHT_SCALE = 1000  # priorities are compared to 0.1% of the largest one


def slots_in(mask: int):
    """Slot indexes set in `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


@dataclass
class Instance:
    """A checked problem in indexes: people 0..n-1, requests 0..m-1 (in the problem's order)."""

    problem: Problem
    slots: int
    tables: int
    people: list[str]
    request_ids: list[str]
    a: list[int]                 # request -> participant index
    b: list[int]
    weight: list[int]            # request -> integer weight from its priority (1..WEIGHT_SCALE)
    avail: list[int]             # participant -> mask of slots they can attend
    usable: list[int]            # request -> slots both can attend, free of their fixed meetings, with a table left
    fixed: dict[int, tuple[int, int]]
    hint: dict[int, tuple[int, int | None]]   # valid hints: slot kept, table kept when it is free (else None)
    stale_hints: dict[int, tuple[int, int]]   # hints that no longer fit: their slot and table are still preferred
    cap: list[int | None]        # participant -> cap as given
    cap_left: list[int]          # participant -> meetings still allowed beside their fixed ones
    fixed_busy: list[int]        # participant -> mask of slots taken by their fixed meetings
    room: list[int]              # slot -> tables not taken by fixed meetings
    fixed_tables: list[set]      # slot -> tables taken by fixed meetings
    day_mask: list[int]          # slot -> mask of the slots of its day
    incident: list[list[int]]    # participant -> their requests that are not fixed

    @property
    def free_requests(self) -> list[int]:
        return [e for e in range(len(self.request_ids)) if e not in self.fixed]


def _check_shape(problem: Problem) -> None:
    if problem.slots < 0 or problem.tables < 0:
        raise ValueError(f"slots and tables must be at least 0, got {problem.slots} slots and {problem.tables} tables")
    if problem.days is not None and len(problem.days) != problem.slots:
        raise ValueError(f"days gives {len(problem.days)} day indexes for {problem.slots} slots")
    if problem.max_meetings is not None and problem.max_meetings < 0:
        raise ValueError(f"max_meetings must be at least 0, got {problem.max_meetings}")
    for person, cap in problem.caps.items():
        if cap < 0:
            raise ValueError(f"the cap of {person} must be at least 0, got {cap}")
    seen = set()
    for request in problem.requests:
        if request.id in seen:
            raise ValueError(f"request id {request.id!r} appears twice")
        seen.add(request.id)
        if request.a == request.b:
            raise ValueError(f"request {request.id!r} asks {request.a} to meet themselves")
        if not (request.priority >= 0 and math.isfinite(request.priority)):
            raise ValueError(f"request {request.id!r} has priority {request.priority}; priorities must be 0 or more")


def _check_fixed(problem: Problem, where: dict[str, int]) -> None:
    """Raise one ValueError listing every locked meeting that is unknown, off the grid or clashing."""
    problems, at_table, at_person = [], {}, {}
    for rid, (slot, table) in problem.fixed.items():
        if rid not in where:
            problems.append(f"{rid} is not one of the requests")
            continue
        if not (0 <= slot < problem.slots and 0 <= table < problem.tables):
            problems.append(f"{rid} is at slot {slot}, table {table}, outside the {problem.slots} slots "
                            f"and {problem.tables} tables")
            continue
        if (slot, table) in at_table:
            problems.append(f"{at_table[slot, table]} and {rid} are both at table {table} in slot {slot}")
        at_table.setdefault((slot, table), rid)
        request = problem.requests[where[rid]]
        for person in (request.a, request.b):
            if (person, slot) in at_person:
                problems.append(f"{at_person[person, slot]} and {rid} both need {person} in slot {slot}")
            at_person.setdefault((person, slot), rid)
    if problems:
        raise ValueError("fixed meetings cannot all be kept: " + "; ".join(problems))


def index(problem: Problem) -> Instance:
    """Check `problem` (ValueError with a readable message) and index it."""
    _check_shape(problem)
    where = {request.id: i for i, request in enumerate(problem.requests)}
    _check_fixed(problem, where)
    n_slots, all_slots = problem.slots, (1 << problem.slots) - 1
    people, person_of = [], {}
    for request in problem.requests:
        for name in (request.a, request.b):
            if name not in person_of:
                person_of[name] = len(people)
                people.append(name)
    avail = []
    for name in people:
        given = problem.availability.get(name)
        avail.append(all_slots if given is None else sum(1 << s for s in set(given) if 0 <= s < n_slots))
    a = [person_of[r.a] for r in problem.requests]
    b = [person_of[r.b] for r in problem.requests]
    top = max((r.priority for r in problem.requests), default=0.0)
    weight = [max(1, round(WEIGHT_SCALE * r.priority / top)) if top > 0 else 1 for r in problem.requests]

    fixed = {where[rid]: (slot, table) for rid, (slot, table) in problem.fixed.items()}
    fixed_busy, fixed_count = [0] * len(people), [0] * len(people)
    fixed_tables = [set() for _ in range(n_slots)]
    for e, (slot, table) in fixed.items():
        fixed_tables[slot].add(table)
        for p in (a[e], b[e]):
            fixed_busy[p] |= 1 << slot
            fixed_count[p] += 1
    room = [problem.tables - len(fixed_tables[s]) for s in range(n_slots)]
    no_table = sum(1 << s for s in range(n_slots) if room[s] <= 0)
    usable = [0 if e in fixed else avail[a[e]] & avail[b[e]] & ~fixed_busy[a[e]] & ~fixed_busy[b[e]] & ~no_table
              for e in range(len(a))]
    cap = [problem.cap_of(name) for name in people]
    cap_left = [len(problem.requests) if c is None else max(0, c - fixed_count[p]) for p, c in enumerate(cap)]
    incident = [[] for _ in people]
    for e in range(len(a)):
        if e not in fixed:
            incident[a[e]].append(e)
            incident[b[e]].append(e)
    days = problem.days if problem.days is not None else [0] * n_slots
    day_mask = [sum(1 << t for t in range(n_slots) if days[t] == days[s]) for s in range(n_slots)]
    instance = Instance(problem=problem, slots=n_slots, tables=problem.tables, people=people,
                        request_ids=[r.id for r in problem.requests], a=a, b=b, weight=weight, avail=avail,
                        usable=usable, fixed=fixed, hint={}, stale_hints={}, cap=cap, cap_left=cap_left,
                        fixed_busy=fixed_busy, room=room, fixed_tables=fixed_tables, day_mask=day_mask,
                        incident=incident)
    _sort_hints(instance)
    return instance


def _sort_hints(instance: Instance) -> None:
    """Keep the hints that still fit, in request order: the slot must be usable by both, free of earlier
    kept hints for both participants, within their caps and with a table left; the table is kept when free."""
    problem = instance.problem
    where = {rid: e for e, rid in enumerate(instance.request_ids)}
    busy = [0] * len(instance.people)
    count = [0] * len(instance.people)
    load = [0] * instance.slots
    taken = [set(tables) for tables in instance.fixed_tables]
    for e in sorted(where[rid] for rid in problem.hint if rid in where and where[rid] not in instance.fixed):
        slot, table = problem.hint[instance.request_ids[e]]
        p, q = instance.a[e], instance.b[e]
        fits = (0 <= slot < instance.slots and instance.usable[e] >> slot & 1 and not (busy[p] | busy[q]) >> slot & 1
                and load[slot] < instance.room[slot]
                and count[p] < instance.cap_left[p] and count[q] < instance.cap_left[q])
        if not fits:
            instance.stale_hints[e] = (slot, table)
            continue
        keep_table = 0 <= table < instance.tables and table not in taken[slot]
        if keep_table:
            taken[slot].add(table)
        instance.hint[e] = (slot, table if keep_table else None)
        busy[p] |= 1 << slot
        busy[q] |= 1 << slot
        count[p] += 1
        count[q] += 1
        load[slot] += 1
