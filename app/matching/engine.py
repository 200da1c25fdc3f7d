"""Scores 0–100 as a weighted sum of components, and the best matches per column, chunk by chunk.

Hard filters: unpublished profiles and closed requests are the caller's (it encodes only eligible
profiles); company size is applied here. All pairs of 10,000 SMEs × 2,000 requests are scored in
chunks of requests, so memory stays at a few chunk-sized matrices.
"""
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

from app.matching import components
from app.matching.catalog import Catalog
from app.matching.features import Features


EXCLUDED = -1.0  # the score of a pair a hard filter rules out: below any min_score


@dataclass(frozen=True)
class Weights:
    sector: float = 0.40
    corridor: float = 0.25
    deal: float = 0.25
    text: float = 0.10

    @classmethod
    def from_mapping(cls, overrides: Mapping[str, float] | None) -> "Weights":
        """Defaults with a forum's overrides; refuses unknown names, negatives and an all-zero set."""
        values = {f.name: getattr(cls(), f.name) for f in fields(cls)}
        for name, value in (overrides or {}).items():
            if name not in values:
                raise ValueError(f"unknown matching component: {name}")
            if not 0 <= float(value) <= 1:
                raise ValueError(f"weight of {name} must be between 0 and 1")
            values[name] = float(value)
        if sum(values.values()) <= 0:
            raise ValueError("at least one weight must be above 0")
        return cls(**values)

    def items(self) -> list[tuple[str, float]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) > 0]


def component_matrices(catalog: Catalog, a: Features, b: Features, weights: Weights) -> dict[str, np.ndarray]:
    compute = {"sector": lambda: components.sector(a, b),
               "corridor": lambda: components.corridor(a, b, catalog.border),
               "deal": lambda: components.deal(a, b),
               "text": lambda: components.text(a, b)}
    return {name: compute[name]() for name, _ in weights.items()}


def score(catalog: Catalog, a: Features, b: Features, weights: Weights = Weights()) -> np.ndarray:
    """0–100 for every pair (rows: `a`, columns: `b`); EXCLUDED where a hard filter says no.

    The hard filter here is company size: a request that names sizes matches only SMEs of those
    sizes (an SME's band times the request's accepted bands). Publication and status are the
    loader's: drafts and closed requests are never encoded.
    """
    total = sum(w for _, w in weights.items())
    parts = component_matrices(catalog, a, b, weights)
    result = np.zeros((len(a), len(b)), np.float32)
    for name, weight in weights.items():
        result += (100 * weight / total) * parts[name]
    return np.where(a.sizes @ b.sizes.T > 0, result, np.float32(EXCLUDED))


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each column, the row indexes of its k best scores (best first) and those scores."""
    k = min(k, scores.shape[0])
    by_column = np.ascontiguousarray(scores.T)  # partitioning along contiguous memory is several times faster
    if k == 0:
        return np.empty((0, scores.shape[1]), np.int64), np.empty((0, scores.shape[1]), np.float32)
    best = np.argpartition(-by_column, k - 1, axis=1)[:, :k]
    picked = np.take_along_axis(by_column, best, axis=1)
    order = np.argsort(-picked, axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1).T, np.take_along_axis(picked, order, axis=1).T


def best_rows_per_column(catalog: Catalog, rows: Features, columns: Features, *, k: int = 20,
                         weights: Weights = Weights(), chunk: int = 256) -> list[list[tuple[int, float]]]:
    """For every column (e.g. each request), its k best rows (e.g. SMEs) as (row index, score)."""
    result: list[list[tuple[int, float]]] = []
    for start in range(0, len(columns), chunk):
        part = columns.take(slice(start, start + chunk))
        best, values = top_k(score(catalog, rows, part, weights), k)
        for j in range(best.shape[1]):
            result.append([(int(i), float(v)) for i, v in zip(best[:, j], values[:, j])])
    return result
