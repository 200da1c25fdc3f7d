"""One pair's components and the reasons in plain words (the twin of components.py for one pair).

Reasons are language-neutral (an explanation is cached once for every reader): each is a `Reason`, an
English message template with {placeholders} and the values to put in. `Reason.english()` gives the
API's words; the web shows them in the reader's language (app.matches.wording), from the same
templates, marked with `N_` for the catalogs. Country, money, deal-type and word-list values are small
typed values, so the web can name countries and write amounts the reader's way.
"""
from dataclasses import dataclass
from functools import cached_property

from app.matching import components as c
from app.matching.catalog import Catalog
from app.matching.engine import Weights
from app.matching.features import Profile, span, words


def N_(message: str) -> str:
    """Marks a reason's template for the catalogs (`pybabel extract -k N_`); translated where shown.

    Local: this pure core imports nothing of the app's i18n (which reads the configuration)."""
    return message


@dataclass(frozen=True)
class Country:
    """A country named in a reason: its code (named in the reader's language on web pages) and its
    name from the catalog (the English words)."""

    code: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Usd:
    """US dollars: one amount (low == high) or a range."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"USD {self.low:,.0f}" if self.low == self.high else f"USD {self.low:,.0f}–{self.high:,.0f}"


@dataclass(frozen=True)
class DealTypes:
    """Deal types (DealType values), in English as lower-case words."""

    codes: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join(d.replace("_", " ") for d in self.codes)


@dataclass(frozen=True)
class Words:
    """Words quoted from the profiles' own texts (never translated)."""

    items: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join(self.items)


@dataclass(frozen=True)
class Reason:
    """One reason: an English template (a msgid) with {placeholders}, and the values for them. Values are
    plain strings (sector, corridor, zone and crossing names, codes: reference data stays English) or
    the typed values above."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def english(self) -> str:
        return self.template.format(**{name: str(value) for name, value in self.params})


def reason(template: str, **params: object) -> Reason:
    return Reason(template, tuple(params.items()))


@dataclass(frozen=True)
class Explanation:
    score: float
    components: dict[str, float]
    wording: tuple[Reason, ...] = ()

    @cached_property  # explanations are kept with the match index and shown again and again
    def reasons(self) -> list[str]:
        """The reasons in English: the API's words, stable for its clients."""
        return [r.english() for r in self.wording]


def _country(catalog: Catalog, code: str) -> Country:
    return Country(code, catalog.name(code))


def _sector(catalog: Catalog, a: Profile, b: Profile) -> tuple[float, list[Reason]]:
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
        return c.SAME_DIVISION, [reason(N_("Same sector: {sector} (ISIC {code})"), sector=catalog.name(code),
                                        code=code)]
    if ra & rb:
        return c.SAME_REGIONAL, [reason(N_("Same sector: {sector}"), sector=catalog.name(sorted(ra & rb)[0]))]
    if (da & ib) or (ia & db):
        code = sorted((da & ib) | (ia & db))[0]
        regional = sorted(r for r in ra | rb if code in catalog.regional_divisions[r])[0]
        return c.SAME_REGIONAL, [reason(N_("Related sectors: {sector} is part of {division} (ISIC {code})"),
                                        sector=catalog.name(regional), division=catalog.name(code), code=code)]
    if sa & sb:
        return c.SAME_SECTION, [reason(N_("Same broad sector: {sector}"), sector=catalog.name(sorted(sa & sb)[0]))]
    return 0.0, []


# How the corridor reasons speak of `b`: a request names corridors and target countries, a zone lies on
# them. Whole sentences, so that translators can reorder them.
_ABOUT = {"request": (N_("Based in {country}, on a corridor the request names"),
                      N_("Based in {country}, a target country")),
          "zone": (N_("Based in {country}, on a corridor the zone lies on"),
                   N_("Based in {country}, the zone's country"))}


def _corridor(catalog: Catalog, a: Profile, b: Profile, about: str) -> tuple[float, list[Reason]]:
    on_corridor, target = _ABOUT[about]
    places = set(a.countries)
    targets = set(b.countries) or set(catalog.countries)  # a request naming no country looks everywhere
    shared = catalog.with_parents(a.corridors) & catalog.with_parents(b.corridors)
    if shared:
        top = sorted(shared, key=lambda code: (catalog.corridor_parent.get(code) is not None, code))[0]
        return c.SHARED_CORRIDOR, [reason(N_("Both on the {corridor}"), corridor=catalog.name(top))]
    served = {country for code in catalog.with_parents(b.corridors) for country in catalog.corridor_countries[code]}
    if places & targets & served:
        country = sorted(places & targets & served)[0]
        return c.CORRIDOR_SERVES_TARGET, [reason(on_corridor, country=_country(catalog, country))]
    neighbours = {(p, t) for p in places for t in targets if (p, t) in catalog.neighbours}
    if neighbours:
        p, t = sorted(neighbours)[0]
        return c.ACROSS_BORDER, [reason(N_("{country} borders {other} through a border crossing"),
                                        country=_country(catalog, p), other=_country(catalog, t))]
    if places & targets:
        return c.SAME_COUNTRY, [reason(target, country=_country(catalog, sorted(places & targets)[0]))]
    return 0.0, []


# The capital sought against the ticket, by how much of it the ticket covers.
_CAPITAL = {"inside": N_("Seeks {sought}, inside the {ticket} ticket"),
            "partly inside": N_("Seeks {sought}, partly inside the {ticket} ticket"),
            "outside": N_("Seeks {sought}, outside the {ticket} ticket")}


def _deal(a: Profile, b: Profile) -> tuple[float, list[Reason]]:
    reasons = []
    sought, ticket = span(a.money_min, a.money_max), span(b.money_min, b.money_max)
    if sought is None or ticket is None:
        capital = c.UNKNOWN
    else:
        (lo_a, hi_a), (lo_b, hi_b) = sought, ticket
        overlap = min(hi_a, hi_b) - max(lo_a, lo_b)
        capital = min(max(overlap / (hi_a - lo_a), 0.0), 1.0) if hi_a > lo_a else float(overlap >= 0)
        where = "inside" if capital == 1 else ("partly inside" if capital > 0 else "outside")
        reasons.append(reason(_CAPITAL[where], sought=Usd(*sought), ticket=Usd(*ticket)))
    if a.deals and b.deals:
        common = sorted(set(a.deals) & set(b.deals))
        types = 1.0 if common else 0.0
        if common:
            reasons.append(reason(N_("Both want: {deals}"), deals=DealTypes(tuple(common))))
    else:
        types = c.UNKNOWN
    return (capital + types) / 2, reasons


def _text(a: Profile, b: Profile, value: float) -> list[Reason]:
    common = sorted(set(words(a.text)) & set(words(b.text)))
    if value < 0.2 or not common:
        return []
    return [reason(N_("Similar descriptions ({words})"), words=Words(tuple(common[:4])))]


def explain(catalog: Catalog, a: Profile, b: Profile, weights: Weights = Weights(), *, text_similarity: float = 0.0,
            about: str = "request") -> Explanation:
    """Components, score and reasons for `a` (an SME or zone) against `b` (a request or zone).

    `text_similarity` comes from the engine's matrix (hashing is not worth repeating here);
    `about` says what `b` is ("request" or "zone"), for the wording of corridor reasons.
    """
    parts: dict[str, tuple[float, list[Reason]]] = {
        "sector": _sector(catalog, a, b), "corridor": _corridor(catalog, a, b, about), "deal": _deal(a, b),
        "text": (text_similarity, _text(a, b, text_similarity))}
    used = weights.items()
    total = sum(w for _, w in used)
    values = {name: parts[name][0] for name, _ in used}
    wording = tuple(why for name, _ in used for why in parts[name][1])
    return Explanation(score=sum(100 * w / total * values[name] for name, w in used), components=values,
                       wording=wording)
