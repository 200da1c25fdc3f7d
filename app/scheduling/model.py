"""What the organizer hands the scheduler and what it hands back.

Why a module of its own: the app, the bench and the tests build these by hand, so the contract
should read in one screen, free of solver internals. Plain dataclasses, no validation here:
`prepare.index` checks a problem once and says what is wrong in words.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeetingRequest:
    """One requested meeting between participants `a` and `b`.

    `priority` weighs the request when not everything fits: the plan maximises the summed
    priority of the meetings it schedules, so with equal priorities it maximises their number, and
    one meeting of priority 2 is worth two of priority 1 (give a must-have request a much larger
    priority to make it win against any number of others).
    """

    id: str
    a: str
    b: str
    priority: float = 1.0


@dataclass(kw_only=True)
class Problem:
    """A forum's meeting grid and its requests.

    slots         slot indexes 0..slots-1
    tables        tables per slot, indexes 0..tables-1
    availability  participant -> slots they can attend; a participant missing here is free in all
    fixed         request id -> (slot, table) locked by the organizer: kept exactly, even where it breaks
                  availability; it still counts against its participants' caps and slots
    max_meetings  cap per participant (None: no cap); `caps` overrides it per participant
    hint          request id -> (slot, table) of a previous plan: kept where still valid, see `solver`;
                  a hint for a fixed request is ignored (the lock wins)
    days          day index of each slot; idle gaps are counted within a day (None: one day)
    """

    slots: int
    tables: int
    requests: list[MeetingRequest]
    availability: Mapping[str, Iterable[int]] = field(default_factory=dict)
    fixed: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    max_meetings: int | None = None
    caps: Mapping[str, int] = field(default_factory=dict)
    hint: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    days: list[int] | None = None

    def cap_of(self, participant: str) -> int | None:
        """The most meetings `participant` may have (None: no cap)."""
        return self.caps.get(participant, self.max_meetings)


@dataclass
class Result:
    """A plan, the proof of how good it is, and a reason for every request left out.

    assignments   request id -> (slot, table); fixed meetings included
    unscheduled   request ids left out, in request order; `reasons[id]` says why in plain English, and
                  `explanations[id]` is the same as data (`reasons.Reason`: `reasons.say` words it in any language)
    upper_bound   no plan can schedule more requests than this: the flow bound (see `bound`), lowered to
                  CP-SAT's proven optimum when the exact polish ran (only without hints)
    optimal       True when the plan schedules `upper_bound` requests
    gaps          idle slots summed over participants: free, available slots between their first and
                  last meeting of the same day
    moved_hints   hinted requests now scheduled elsewhere than their hint (or left out)
    stats         timings in seconds and counts, for logs and the bench
    """

    assignments: dict[str, tuple[int, int]]
    unscheduled: list[str]
    reasons: dict[str, str]
    upper_bound: int
    optimal: bool
    gaps: int
    moved_hints: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    explanations: dict = field(default_factory=dict)
