"""Score components as matrices: rows are one side's profiles, columns the other's; values in [0, 1].

Tiers follow DESIGN.md "Matching model". Each function has a twin in explain.py that says the
same thing in words for one pair; a property test keeps the two in agreement.
"""
import numpy as np

from app.matching.features import Features

SAME_DIVISION, SAME_REGIONAL, SAME_SECTION = 1.0, 0.8, 0.5
SHARED_CORRIDOR, CORRIDOR_SERVES_TARGET, ACROSS_BORDER, SAME_COUNTRY = 1.0, 0.7, 0.5, 0.3
UNKNOWN = 0.5  # neither good nor bad news: one side did not say


def _meets(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Boolean matrix: row i of `a` and row j of `b` share at least one member."""
    return (a @ b.T) > 0


def _pack(blocks: list[np.ndarray]) -> tuple[np.ndarray, float, int]:
    base = float(2 ** int(np.ceil(np.log2(sum(block.shape[1] for block in blocks) + 1))))
    packed = np.concatenate([block * base ** (len(blocks) - 1 - t) for t, block in enumerate(blocks)], axis=1)
    return packed, base, len(blocks)


def _tiers(a: Features, b: Features, name: str, rows, columns, values: list[float]) -> np.ndarray:
    """The value of the best tier whose blocks overlap, from one matrix product.

    `rows(a)` and `columns(b)` give one block per tier. Tier t's row blocks are scaled by
    base**(n-1-t), with base above the overlap count all lower tiers together can reach, so the
    product's magnitude says which tier is the best one met. The row side is packed once per
    Features: the SMEs are the same for every chunk of requests.
    """
    packed, base, tiers = a.memo(name, lambda: _pack(rows(a)))
    product = packed @ np.concatenate(columns(b), axis=1).T
    result = np.zeros(product.shape, np.float32)
    for t in reversed(range(tiers)):  # lowest tier first, so better tiers overwrite
        result[product >= base ** (tiers - 1 - t)] = values[t]
    return result


def sector(a: Features, b: Features) -> np.ndarray:
    """Same division 1.0; same regional sector, or a division inside the other's regional sector 0.8;
    same ISIC section 0.5."""
    return _tiers(a, b, "sector",
                  lambda f: [f.divisions, np.concatenate([f.regionals, f.divisions, f.implied], axis=1), f.sections],
                  lambda f: [f.divisions, np.concatenate([f.regionals, f.implied, f.divisions], axis=1), f.sections],
                  [SAME_DIVISION, SAME_REGIONAL, SAME_SECTION])


def corridor(a: Features, b: Features, border: np.ndarray) -> np.ndarray:
    """`a` is the one that is somewhere (SME, zone); `b` says where it looks (request targets, or a zone).

    Shared corridor 1.0; a country of `a` that is a target of `b` and on `b`'s corridors 0.7;
    a country of `a` bordering a target through a crossing 0.5; `a` in a target country 0.3.
    """
    return _tiers(a, b, "corridor",
                  lambda f: [f.corridors, f.countries, f.countries @ border, f.countries],
                  lambda f: [f.corridors, f.countries * f.served, f.countries, f.countries],
                  [SHARED_CORRIDOR, CORRIDOR_SERVES_TARGET, ACROSS_BORDER, SAME_COUNTRY])


def capital(a: Features, b: Features) -> np.ndarray:
    """Share of `a`'s range (capital sought) inside `b`'s (ticket): 1 inside, in proportion when partial."""
    lo_a, hi_a = a.money_min[:, None], a.money_max[:, None]
    overlap = np.minimum(hi_a, b.money_max[None, :])
    overlap -= np.maximum(lo_a, b.money_min[None, :])
    width = hi_a - lo_a
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(width > 0, np.clip(overlap / np.where(width > 0, width, 1), 0, 1), overlap >= 0)
    share[np.isnan(overlap)] = UNKNOWN  # NaN ends: one side did not say
    return share.astype(np.float32, copy=False)


def deal_types(a: Features, b: Features) -> np.ndarray:
    said = (a.deals.sum(axis=1)[:, None] > 0) & (b.deals.sum(axis=1)[None, :] > 0)
    return np.where(said, _meets(a.deals, b.deals), UNKNOWN).astype(np.float32)


def deal(a: Features, b: Features) -> np.ndarray:
    return (capital(a, b) + deal_types(a, b)) / 2


def text(a: Features, b: Features) -> np.ndarray:
    return np.clip(a.text @ b.text.T, 0, 1)
