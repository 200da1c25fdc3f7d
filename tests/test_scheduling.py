"""The meeting scheduler: the contract call, invariants on random small events, hand-made cases, quality."""
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from app.scheduling import MeetingRequest, Problem, schedule
from app.scheduling.instances import plain_greedy, random_event

R = MeetingRequest


def plan_is_valid(problem: Problem, result) -> None:
    """Every promise of the contract, checked on one result."""
    ids = [r.id for r in problem.requests]
    assert Counter(list(result.assignments) + result.unscheduled) == Counter(ids)   # each request exactly once
    by_id = {r.id: r for r in problem.requests}
    tables, seats, meetings, locked = set(), set(), Counter(), Counter()
    for rid, (slot, table) in result.assignments.items():
        assert 0 <= slot < problem.slots and 0 <= table < problem.tables
        assert (slot, table) not in tables, f"table {table} twice in slot {slot}"
        tables.add((slot, table))
        for person in (by_id[rid].a, by_id[rid].b):
            assert (person, slot) not in seats, f"{person} twice in slot {slot}"
            seats.add((person, slot))
            meetings[person] += 1
            if rid in problem.fixed:
                locked[person] += 1
            elif person in problem.availability:
                assert slot in set(problem.availability[person]), f"{rid} outside {person}'s availability"
    for rid, place in problem.fixed.items():
        assert result.assignments[rid] == tuple(place)
    for person, count in meetings.items():
        cap = problem.cap_of(person)
        assert cap is None or count <= max(cap, locked[person])
    assert result.upper_bound >= len(result.assignments)
    assert result.optimal == (len(result.assignments) == result.upper_bound)
    assert all(isinstance(result.reasons.get(rid), str) and result.reasons[rid] for rid in result.unscheduled)
    assert set(result.reasons) == set(result.unscheduled)


def most_meetings(problem: Problem) -> int:
    """The true optimum by brute force (CP-SAT over every request and slot): for tiny events only."""
    model, everyone = cp_model.CpModel(), set(range(problem.slots))
    by_id = {r.id: r for r in problem.requests}
    busy = {(p, s) for rid, (s, _) in problem.fixed.items() for p in (by_id[rid].a, by_id[rid].b)}
    locked = Counter(p for rid in problem.fixed for p in (by_id[rid].a, by_id[rid].b))
    x = {(r.id, s): model.new_bool_var("") for r in problem.requests if r.id not in problem.fixed
         for s in set(problem.availability.get(r.a, everyone)) & set(problem.availability.get(r.b, everyone))
         if (r.a, s) not in busy and (r.b, s) not in busy}
    groups: dict[tuple, list] = {}
    for (rid, s), var in x.items():
        for key in (("request", rid), ("slot", s), ("seat", by_id[rid].a, s), ("seat", by_id[rid].b, s),
                    ("person", by_id[rid].a), ("person", by_id[rid].b)):
            groups.setdefault(key, []).append(var)
    tables_left = Counter({s: problem.tables for s in range(problem.slots)})
    tables_left.subtract(s for s, _ in problem.fixed.values())
    for key, group in groups.items():
        if key[0] in ("request", "seat"):
            model.add_at_most_one(group)
        elif key[0] == "slot":
            model.add(sum(group) <= tables_left[key[1]])
        elif problem.cap_of(key[1]) is not None:
            model.add(sum(group) <= max(0, problem.cap_of(key[1]) - locked[key[1]]))
    model.maximize(sum(x.values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return len(problem.fixed) + round(solver.objective_value)


@st.composite
def small_problems(draw, *, equal_priorities: bool = False, with_hints: bool = True) -> Problem:
    slots, tables, n = draw(st.integers(1, 5)), draw(st.integers(0, 3)), draw(st.integers(2, 7))
    people = [f"p{i}" for i in range(n)]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda t: t[0] != t[1]),
                          max_size=14))
    weights = st.just(1.0) if equal_priorities else st.sampled_from([0.0, 0.5, 1.0, 1.0, 2.0])
    requests = [R(id=f"m{k}", a=people[i], b=people[j], priority=draw(weights)) for k, (i, j) in enumerate(pairs)]
    availability = draw(st.dictionaries(st.sampled_from(people), st.sets(st.integers(0, slots - 1)), max_size=n))
    fixed, seats, taken = {}, set(), set()
    places = st.tuples(st.integers(0, slots - 1), st.integers(0, max(0, tables - 1)))
    for request in requests:   # locks that do not clash (clashing ones are a separate test)
        if tables and draw(st.integers(0, 5)) == 0:
            slot, table = draw(places)
            if (slot, table) not in taken and not {(request.a, slot), (request.b, slot)} & seats:
                fixed[request.id] = (slot, table)
                taken.add((slot, table))
                seats |= {(request.a, slot), (request.b, slot)}
    hint = {}
    if with_hints:
        hint = {r.id: draw(st.tuples(st.integers(0, slots), st.integers(0, tables)))
                for r in requests if draw(st.integers(0, 3)) == 0}
    caps = draw(st.dictionaries(st.sampled_from(people), st.integers(0, 4), max_size=2))
    days = sorted(draw(st.lists(st.integers(0, 1), min_size=slots, max_size=slots))) if draw(st.booleans()) else None
    return Problem(slots=slots, tables=tables, requests=requests, availability=availability, fixed=fixed,
                   max_meetings=draw(st.sampled_from([None, 2, 3])), caps=caps, hint=hint, days=days)


FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(small_problems())
def test_random_small_events_keep_every_promise(problem):
    plan_is_valid(problem, schedule(problem, time_limit_s=1.0))


@FAST
@given(small_problems(equal_priorities=True, with_hints=False))
def test_bound_is_proven_and_reached_on_tiny_events(problem):
    result = schedule(problem, time_limit_s=1.0)
    best = most_meetings(problem)
    assert result.upper_bound >= best
    assert len(result.assignments) == best


def test_the_contract_call_works_as_written():
    requests = [R(id=f"m{k}", a=f"p{k}", b=f"p{k + 1}", priority=1.0) for k in range(1, 8)]
    problem = Problem(
        slots=16,
        tables=120,
        requests=requests,
        availability={"p1": {0, 1, 2}},
        fixed={"m7": (3, 10)},
        max_meetings=None,
    )
    result = schedule(problem, time_limit_s=2.0)
    assert result.assignments["m7"] == (3, 10)
    assert result.assignments["m1"][0] in {0, 1, 2}
    assert result.unscheduled == [] and result.upper_bound == 7 and result.optimal
    assert isinstance(result.stats["total_s"], float) and result.gaps >= 0
    plan_is_valid(problem, result)


def test_the_flow_drops_the_request_whose_partner_has_no_alternative():
    # H is asked three times but free twice; A can only meet in slot 0, where D needs A too.
    problem = Problem(slots=2, tables=5, requests=[R("hA", "H", "A"), R("hB", "H", "B"), R("hC", "H", "C"),
                                                   R("aD", "A", "D")],
                      availability={"A": {0}, "D": {0}})
    result = schedule(problem)
    assert result.unscheduled == ["hA"] and result.optimal and result.upper_bound == 3
    assert result.reasons["hA"].startswith("dropped to fit H's other requests (H is asked for 3 meetings but has 2")
    assert plain_greedy(problem) == 2      # greedy keeps hA first and loses two


def test_a_pair_with_no_common_slot_is_told_so():
    problem = Problem(slots=4, tables=2, requests=[R("m1", "p1", "p2")], availability={"p1": {0, 1}, "p2": {2, 3}})
    result = schedule(problem)
    assert result.reasons == {"m1": "p1 and p2 have no common free slot"} and result.upper_bound == 0


def test_tables_as_the_bottleneck():
    problem = Problem(slots=2, tables=1, requests=[R(f"m{k}", f"a{k}", f"b{k}") for k in range(4)])
    result = schedule(problem)
    assert result.upper_bound == 2 == len(result.assignments) and result.optimal
    assert all(reason.startswith("no table is free in any slot both can attend") for reason in result.reasons.values())


def test_caps_per_participant_override_the_common_cap():
    requests = [R(f"m{k}", "p1", f"q{k}") for k in range(4)] + [R(f"n{k}", "p2", f"r{k}") for k in range(4)]
    problem = Problem(slots=6, tables=10, requests=requests, max_meetings=1, caps={"p1": 3})
    result = schedule(problem)
    scheduled = Counter(rid[0] for rid in result.assignments)
    assert scheduled == {"m": 3, "n": 1} and result.upper_bound == 4 and result.optimal
    assert result.reasons["m3"] == "p1 already has the maximum of 3 meetings"
    assert result.reasons["n3"] == "p2 already has the maximum of 1 meeting"


def test_a_fixed_meeting_is_kept_outside_availability_and_counts_against_the_cap():
    problem = Problem(slots=3, tables=2, requests=[R("lock", "p1", "p2"), R("m", "p1", "p3")],
                      availability={"p1": {0}}, fixed={"lock": (2, 1)}, caps={"p1": 1})
    result = schedule(problem)
    assert result.assignments == {"lock": (2, 1)} and result.upper_bound == 1
    assert result.reasons["m"] == "p1 already has the maximum of 1 meeting"


def test_higher_priority_first_and_equal_priority_maximises_the_count():
    contested = Problem(slots=1, tables=3, requests=[R("low", "H", "A", 1.0), R("high", "H", "B", 3.0)])
    assert list(schedule(contested).assignments) == ["high"]
    # B and C have one slot each: the middle request first in line would block both ends.
    path = Problem(slots=1, tables=3, requests=[R("bc", "B", "C"), R("ab", "A", "B"), R("cd", "C", "D")])
    result = schedule(path)
    assert sorted(result.assignments) == ["ab", "cd"] and result.optimal


def test_clashing_fixed_meetings_raise_a_readable_error():
    requests = [R("m1", "p1", "p2"), R("m2", "p3", "p4"), R("m3", "p1", "p5")]
    with pytest.raises(ValueError, match=r"m1 and m2 are both at table 4 in slot 0"):
        schedule(Problem(slots=2, tables=5, requests=requests, fixed={"m1": (0, 4), "m2": (0, 4)}))
    with pytest.raises(ValueError, match=r"m1 and m3 both need p1 in slot 1"):
        schedule(Problem(slots=2, tables=5, requests=requests, fixed={"m1": (1, 0), "m3": (1, 2)}))


def test_hints_are_kept_when_they_still_fit():
    first = random_event(participants=40, requests=150, slots=8, tables=12, seed=5)
    before = schedule(first)
    late = [R("late1", "s1", "i3"), R("late2", "s7", "s8")]
    again = Problem(slots=8, tables=12, requests=first.requests + late, availability=first.availability,
                    hint=before.assignments)
    after = schedule(again)
    plan_is_valid(again, after)
    assert after.moved_hints == []
    assert all(after.assignments[rid] == place for rid, place in before.assignments.items())
    # A hint that no longer fits (p now unavailable there) is moved and reported.
    stale = Problem(slots=3, tables=2, requests=[R("m", "p", "q")], availability={"p": {1, 2}}, hint={"m": (0, 0)})
    result = schedule(stale)
    assert result.assignments["m"][0] in {1, 2} and result.moved_hints == ["m"]


def test_gaps_are_counted_within_a_day():
    requests = [R("m1", "p", "q"), R("m2", "p", "r")]
    fixed = {"m1": (0, 0), "m2": (2, 0)}
    assert schedule(Problem(slots=4, tables=1, requests=requests, fixed=fixed)).gaps == 1
    assert schedule(Problem(slots=4, tables=1, requests=requests, fixed=fixed, days=[0, 0, 1, 1])).gaps == 0


def test_cp_sat_proves_optimality_where_the_flow_bound_is_loose():
    # The Petersen graph needs four slots; with three, the flow bound says 15 but only 13 fit.
    pairs = [(i, (i + 1) % 5) for i in range(5)] + [(i, i + 5) for i in range(5)] + [(5 + i, 5 + (i + 2) % 5)
                                                                                    for i in range(5)]
    problem = Problem(slots=3, tables=10, requests=[R(f"m{k}", f"p{a}", f"p{b}") for k, (a, b) in enumerate(pairs)])
    result = schedule(problem)
    assert result.stats["flow_bound_x2"] == 30
    assert len(result.assignments) == result.upper_bound == 13 and result.optimal
    assert all("never free at the same time" in reason for reason in result.reasons.values())


def test_a_small_forum_is_solved_optimally():
    problem = random_event(participants=70, requests=150, slots=21, tables=14, days=2, partial=0.6,
                           investor_share=0.3, skew=0.8, seed=1)
    result = schedule(problem)
    plan_is_valid(problem, result)
    assert result.optimal


def test_a_medium_event_reaches_the_bound_quickly_and_reproducibly():
    problem = random_event(participants=150, requests=1000, slots=16, tables=60, seed=2)
    result = schedule(problem, time_limit_s=2.0)
    plan_is_valid(problem, result)
    assert len(result.assignments) >= 0.995 * result.upper_bound
    assert result.stats["total_s"] < 2.5
    assert schedule(problem, time_limit_s=2.0).assignments == result.assignments
