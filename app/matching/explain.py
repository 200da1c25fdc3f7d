"""One pair's components and the reasons in plain words (the twin of components.py for one pair)."""
from dataclasses import dataclass

from app.matching import components as c
from app.matching.catalog import Catalog
from app.matching.engine import Weights
from app.matching.features import Profile, span, words

@dataclass(frozen=True)
class Explanation:
    score: float
    components: dict[str, float]
    reasons: list[str]


def _usd(low: float | None, high: float | None) -> str:
    known = span(low, high)
    if known is None:
        return "an amount not given"
    return f"USD {known[0]:,.0f}" if known[0] == known[1] else f"USD {known[0]:,.0f}–{known[1]:,.0f}"


def _sector(catalog: Catalog, a: Profile, b: Profile) -> tuple[float, list[str]]:
    def expand(p: Profile):
        divisions = {s for s in p.sectors if s in catalog.divisions}
        regionals = {s for s in p.sectors if s in catalog.regionals}
        implied = {d for r in regionals for d in catalog.regional_divisions[r] if d in catalog.divisions}
        sections = {catalog.division_section[d] for d in divisions | implied}
        return divisions, regionals, implied, sections

    da, ra, ia, sa = expand(a)
    db, rb, ib, sb = expand(b)
    if da & db:
        code = sorted(da & db)[0]
        return c.SAME_DIVISION, [f"Same sector: {catalog.name(code)} (ISIC {code})"]
    if ra & rb:
        return c.SAME_REGIONAL, [f"Same sector: {catalog.name(sorted(ra & rb)[0])}"]
    if (da & ib) or (ia & db):
        code = sorted((da & ib) | (ia & db))[0]
        regional = sorted(r for r in ra | rb if code in catalog.regional_divisions[r])[0]
        return c.SAME_REGIONAL, [f"Related sectors: {catalog.name(regional)} is part of {catalog.name(code)} (ISIC {code})"]
    if sa & sb:
        return c.SAME_SECTION, [f"Same broad sector: {catalog.name(sorted(sa & sb)[0])}"]
    return 0.0, []


# How the corridor reasons speak of `b`: a request names corridors and target countries, a zone lies on them.
_ABOUT = {"request": ("on a corridor the request names", "a target country"),
          "zone": ("on a corridor the zone lies on", "the zone's country")}


def _corridor(catalog: Catalog, a: Profile, b: Profile, about: str) -> tuple[float, list[str]]:
    on_corridor, target = _ABOUT[about]
    places = set(a.countries)
    targets = set(b.countries) or set(catalog.countries)  # a request naming no country looks everywhere
    shared = catalog.with_parents(a.corridors) & catalog.with_parents(b.corridors)
    if shared:
        top = sorted(shared, key=lambda code: (catalog.corridor_parent.get(code) is not None, code))[0]
        return c.SHARED_CORRIDOR, [f"Both on the {catalog.name(top)}"]
    served = {country for code in catalog.with_parents(b.corridors) for country in catalog.corridor_countries[code]}
    if places & targets & served:
        return c.CORRIDOR_SERVES_TARGET, [f"Based in {catalog.name(sorted(places & targets & served)[0])}, {on_corridor}"]
    neighbours = {(p, t) for p in places for t in targets if (p, t) in catalog.neighbours}
    if neighbours:
        p, t = sorted(neighbours)[0]
        return c.ACROSS_BORDER, [f"{catalog.name(p)} borders {catalog.name(t)} through a border crossing"]
    if places & targets:
        return c.SAME_COUNTRY, [f"Based in {catalog.name(sorted(places & targets)[0])}, {target}"]
    return 0.0, []


def _deal(a: Profile, b: Profile) -> tuple[float, list[str]]:
    reasons = []
    sought, ticket = span(a.money_min, a.money_max), span(b.money_min, b.money_max)
    if sought is None or ticket is None:
        capital = c.UNKNOWN
    else:
        (lo_a, hi_a), (lo_b, hi_b) = sought, ticket
        overlap = min(hi_a, hi_b) - max(lo_a, lo_b)
        capital = min(max(overlap / (hi_a - lo_a), 0.0), 1.0) if hi_a > lo_a else float(overlap >= 0)
        where = "inside" if capital == 1 else ("partly inside" if capital > 0 else "outside")
        reasons.append(f"Seeks {_usd(a.money_min, a.money_max)}, {where} the {_usd(b.money_min, b.money_max)} ticket")
    if a.deals and b.deals:
        common = sorted(set(a.deals) & set(b.deals))
        types = 1.0 if common else 0.0
        if common:
            reasons.append("Both want: " + ", ".join(d.replace("_", " ") for d in common))
    else:
        types = c.UNKNOWN
    return (capital + types) / 2, reasons


def _text(a: Profile, b: Profile, value: float) -> list[str]:
    common = sorted(set(words(a.text)) & set(words(b.text)))
    return [f"Similar descriptions ({', '.join(common[:4])})"] if value >= 0.2 and common else []


def explain(catalog: Catalog, a: Profile, b: Profile, weights: Weights = Weights(), *, text_similarity: float = 0.0,
            about: str = "request") -> Explanation:
    """Components, score and reasons for `a` (an SME or zone) against `b` (a request or zone).

    `text_similarity` comes from the engine's matrix (hashing is not worth repeating here);
    `about` says what `b` is ("request" or "zone"), for the wording of corridor reasons.
    """
    parts: dict[str, tuple[float, list[str]]] = {
        "sector": _sector(catalog, a, b), "corridor": _corridor(catalog, a, b, about), "deal": _deal(a, b),
        "text": (text_similarity, _text(a, b, text_similarity))}
    used = weights.items()
    total = sum(w for _, w in used)
    values = {name: parts[name][0] for name, _ in used}
    reasons = [reason for name, _ in used for reason in parts[name][1]]
    return Explanation(score=sum(100 * w / total * values[name] for name, w in used), components=values, reasons=reasons)
