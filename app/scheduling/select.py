"""Pick the requests to keep before placing any: an integral b-matching guided by the flow.

Why first: greedy placement drops whatever comes last for an over-asked participant, and that is
often a request whose other participant had no alternative. The maximum-weight fractional plan
(`bound.guiding_values`) knows better: requests it uses fully are kept first, half-used ones next,
unused ones last. Each kept request must leave both participants able to give every kept request of
theirs a distinct usable slot (a small bipartite matching per participant, grown by one augmenting
path per request), so the kept set rarely fails to fit when `place` lays it out.
"""
from app.scheduling.augment import Augmenter
from app.scheduling.fit import SlotFit
from app.scheduling.prepare import Instance


def select(instance: Instance, *, limits: list[int], total: int, values: dict[int, int],
           weights: dict[int, int], target: int, deadline: float) -> list[int]:
    """Requests to place: by flow value (valid hints first, then weight, fewest usable slots), then grown
    along augmenting trails towards `target` (the flow bound on kept requests)."""
    fits = [SlotFit() for _ in instance.people]
    count = [0] * len(instance.people)
    usable = instance.usable
    order = sorted(values, key=lambda e: (e not in instance.hint, -values[e], -weights[e], usable[e].bit_count(), e))
    kept = []
    for e in order:
        if len(kept) >= total:
            break
        p, q = instance.a[e], instance.b[e]
        if count[p] >= limits[p] or count[q] >= limits[q]:
            continue
        if not fits[p].try_add(e, usable):
            continue
        if not fits[q].try_add(e, usable):
            fits[p].remove(e)
            continue
        count[p] += 1
        count[q] += 1
        kept.append(e)
    missing = min(total, target) - len(kept)
    if missing <= 0:
        return kept
    grow = Augmenter(instance, kept=kept, fits=fits, count=count, limits=limits, weights=weights, pool=list(values))
    grow.run(total=min(total, target), attempts=2 * missing + 20, deadline=deadline)
    return [e for e in order if e in grow.kept]
