"""The one way a score vector becomes a ranked, explained list of matches."""
from collections.abc import Callable

import numpy as np

from app.matches.schemas import MatchOut
from app.matching.engine import top_k
from app.matching.explain import Explanation


def ranked(scores: np.ndarray, *, id_of: Callable[[int], int | str], why: Callable[[int], Explanation],
           limit: int, min_score: float, keep: np.ndarray | None = None,
           offset: int = 0) -> tuple[list[MatchOut], int]:
    """The best candidates at or above `min_score` (among `keep`), `limit` of them from rank `offset` on,
    each explained, and how many reach it. Names are left blank: the caller reads them for the shown
    candidates only."""
    if keep is not None:
        scores = np.where(keep, scores, -1.0)  # filtered out: below any min_score
    total = int(np.count_nonzero(scores >= min_score))
    best, values = top_k(scores[:, None], min(offset + limit, total))
    found = []
    for i, value in zip(best[offset:, 0].tolist(), values[offset:, 0].tolist()):
        explained = why(i)
        found.append(MatchOut(id=id_of(i), name="", score=round(value, 1), components=explained.components,
                              reasons=explained.reasons, wording=explained.wording))
    return found, total


def named(items: list[MatchOut], names: dict) -> list[MatchOut]:
    return [m.model_copy(update={"name": names.get(m.id, "")}) for m in items]
