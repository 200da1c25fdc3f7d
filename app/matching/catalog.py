"""The vocabularies the engine encodes against: sectors, corridors, countries and their links.

Pure: built from plain mappings (the app reads them from the database), holds index maps and
small incidence matrices that turn code lists into vectors.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np


def _index(codes: Iterable[str]) -> dict[str, int]:
    return {code: i for i, code in enumerate(sorted(set(codes)))}


@dataclass(frozen=True)
class Catalog:
    """Sector taxonomy (ISIC sections > divisions; regional sectors mapped onto divisions) and geography."""

    division_section: Mapping[str, str]            # "10" -> "C"
    regional_divisions: Mapping[str, frozenset]    # "coffee" -> {"01", "10"}
    corridor_countries: Mapping[str, frozenset]    # "NSEC" -> {"CN", "LA", ...}
    corridor_parent: Mapping[str, str | None]      # "NSEC-KM-BKK-R3A" -> "NSEC"
    crossings: Iterable[tuple[str, str]] = ()      # country pairs joined by a border crossing
    names: Mapping[str, str] = field(default_factory=dict)  # code -> readable name, for reasons

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "divisions", _index(self.division_section))
        set_(self, "regionals", _index(self.regional_divisions))
        set_(self, "sections", _index(self.division_section.values()))
        set_(self, "corridors", _index(self.corridor_countries))
        countries = {c for cs in self.corridor_countries.values() for c in cs} | {c for p in self.crossings for c in p}
        set_(self, "countries", _index(countries))
        set_(self, "neighbours", {(a, b) for a, b in self.crossings} | {(b, a) for a, b in self.crossings})
        # Incidence matrices used to expand code vectors in one product.
        regional_to_division = np.zeros((len(self.regionals), len(self.divisions)), np.float32)
        for code, divisions in self.regional_divisions.items():
            for d in divisions:
                if d in self.divisions:
                    regional_to_division[self.regionals[code], self.divisions[d]] = 1
        division_to_section = np.zeros((len(self.divisions), len(self.sections)), np.float32)
        for d, s in self.division_section.items():
            division_to_section[self.divisions[d], self.sections[s]] = 1
        corridor_to_country = np.zeros((len(self.corridors), len(self.countries)), np.float32)
        for c, cs in self.corridor_countries.items():
            for country in cs:
                corridor_to_country[self.corridors[c], self.countries[country]] = 1
        border = np.zeros((len(self.countries), len(self.countries)), np.float32)
        for a, b in self.neighbours:
            border[self.countries[a], self.countries[b]] = 1
        set_(self, "regional_to_division", regional_to_division)
        set_(self, "division_to_section", division_to_section)
        set_(self, "corridor_to_country", corridor_to_country)
        set_(self, "border", border)

    def with_parents(self, corridors: Iterable[str]) -> set[str]:
        """A route implies its corridor: on NSEC-KM-BKK-R3A means on NSEC too."""
        found = set()
        for code in corridors:
            while code and code in self.corridors and code not in found:
                found.add(code)
                code = self.corridor_parent.get(code)
        return found

    def name(self, code: str) -> str:
        return self.names.get(code, code)
