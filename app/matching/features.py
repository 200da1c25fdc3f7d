"""Profiles (SMEs, investment requests, zones) encoded once as arrays, so scoring is matrix work."""
import math
import re
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.matching.catalog import Catalog

TEXT_DIMENSIONS = 256  # hashed bag of words: enough to tell coffee from cement, cheap to multiply
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset("and the for with from that this our are its into has have was will can all who not".split())


@dataclass(frozen=True)
class Profile:
    """What matching knows of one SME, request or zone. Money is capital sought (SME) or ticket (request)."""

    id: int | str
    sectors: tuple[str, ...] = ()
    corridors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()   # an SME's or zone's country; a request's targets (empty: anywhere)
    money_min: float | None = None
    money_max: float | None = None
    deals: tuple[str, ...] = ()       # what an SME seeks / what a request offers
    sizes: tuple[str, ...] = ()       # an SME's size band / the sizes a request accepts (empty: any)
    text: str = ""


@dataclass(frozen=True)
class Features:
    ids: list
    divisions: np.ndarray      # ISIC divisions named directly
    regionals: np.ndarray      # regional sectors named
    implied: np.ndarray        # divisions that the named regional sectors span
    sections: np.ndarray       # ISIC sections of all of the above
    corridors: np.ndarray      # corridors and routes, parents added
    countries: np.ndarray      # own country (SME, zone) or targets (request; all when none given)
    served: np.ndarray         # countries the profile's corridors run through
    money_min: np.ndarray      # NaN where unknown
    money_max: np.ndarray
    deals: np.ndarray
    sizes: np.ndarray          # size bands; all ones when none given (nothing to exclude on)
    text: np.ndarray           # L2-normalized hashed word counts
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # packed matrices, see components

    def __len__(self) -> int:
        return len(self.ids)

    def memo(self, key: str, build):
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def take(self, rows: slice | list[int]) -> "Features":
        """The same features for a subset of profiles (a chunk, or one request)."""
        picked = {f: getattr(self, f)[rows] for f in self.__dataclass_fields__ if f not in ("ids", "cache")}
        ids = self.ids[rows] if isinstance(rows, slice) else [self.ids[i] for i in rows]
        return Features(ids=ids, **picked)

    def replace(self, remove_ids: Collection, added: "Features") -> "Features":
        """A new Features: these rows but `remove_ids`, in their order, then `added`'s rows.

        Refreshing a few changed profiles this way copies arrays instead of re-encoding everyone.
        `self` is left as it is (others may be scoring with it), and the new object starts with an
        empty cache: the packed matrices of the old rows do not describe the new ones.
        """
        gone = [i for i, id_ in enumerate(self.ids) if id_ in remove_ids]
        # The runs of rows between removed ones, as views: each array is copied once, at memcpy speed.
        runs = [slice(a + 1, b) for a, b in zip([-1, *gone], [*gone, len(self)]) if b > a + 1]
        joined = {f: np.concatenate([getattr(self, f)[run] for run in runs] + [getattr(added, f)])
                  for f in self.__dataclass_fields__ if f not in ("ids", "cache")}
        return Features(ids=[id_ for id_ in self.ids if id_ not in remove_ids] + list(added.ids), **joined)


def _hot(rows: Sequence[Sequence[str]], index: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), len(index)), np.float32)
    for i, codes in enumerate(rows):
        for code in codes:
            j = index.get(code)
            if j is not None:
                matrix[i, j] = 1
    return matrix


def span(low: float | None, high: float | None) -> tuple[float, float] | None:
    """A money range; with one end known it is that point, with none it is unknown (None)."""
    if low is None and high is None:
        return None
    return (low if low is not None else high, high if high is not None else low)


def _money(profiles: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray]:
    """Range ends as arrays, NaN where unknown (float32: ratios of amounts need no more)."""
    spans = [span(p.money_min, p.money_max) or (math.nan, math.nan) for p in profiles]
    return np.array([s[0] for s in spans], np.float32), np.array([s[1] for s in spans], np.float32)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def _text(profiles: Sequence[Profile]) -> np.ndarray:
    matrix = np.zeros((len(profiles), TEXT_DIMENSIONS), np.float32)
    for i, p in enumerate(profiles):
        for word in words(p.text):
            # crc32, not Python's salted hash(): a word lands in the same column in every process.
            matrix[i, zlib.crc32(word.encode()) % TEXT_DIMENSIONS] += 1
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def encode(catalog: Catalog, profiles: Sequence[Profile], *, deal_vocabulary: Sequence[str],
           any_country_when_empty: bool = False, size_vocabulary: Sequence[str] = ()) -> Features:
    divisions = _hot([[s for s in p.sectors if s in catalog.divisions] for p in profiles], catalog.divisions)
    regionals = _hot([[s for s in p.sectors if s in catalog.regionals] for p in profiles], catalog.regionals)
    implied = (regionals @ catalog.regional_to_division > 0).astype(np.float32)
    sections = ((divisions + implied) @ catalog.division_to_section > 0).astype(np.float32)
    corridors = _hot([sorted(catalog.with_parents(p.corridors)) for p in profiles], catalog.corridors)
    countries = _hot([p.countries for p in profiles], catalog.countries)
    if any_country_when_empty:
        countries[countries.sum(axis=1) == 0] = 1
    served = (corridors @ catalog.corridor_to_country > 0).astype(np.float32)
    low, high = _money(profiles)
    deals = _hot([p.deals for p in profiles], {d: i for i, d in enumerate(deal_vocabulary)})
    sizes = _hot([p.sizes for p in profiles], {s: i for i, s in enumerate(size_vocabulary)})
    if sizes.shape[1] == 0:  # no vocabulary: one column that every profile has
        sizes = np.ones((len(profiles), 1), np.float32)
    sizes[sizes.sum(axis=1) == 0] = 1
    return Features(ids=[p.id for p in profiles], divisions=divisions, regionals=regionals, implied=implied,
                    sections=sections, corridors=corridors, countries=countries, served=served,
                    money_min=low, money_max=high, deals=deals, sizes=sizes, text=_text(profiles))
