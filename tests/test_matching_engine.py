"""The pure matching engine: each component on hand-made cases, properties on random ones, a ranking."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.matching import components
from app.matching.catalog import Catalog
from app.matching.engine import EXCLUDED, Weights, best_rows_per_column, score, top_k
from app.matching.explain import explain
from app.matching.features import Profile, encode

DEALS = ["equity", "loan", "joint_venture", "buyer_offtake", "distribution", "technology"]
CATALOG = Catalog(
    division_section={"01": "A", "10": "C", "11": "C", "22": "C", "49": "H", "52": "H"},
    regional_divisions={"coffee": frozenset({"01", "10"}), "rubber": frozenset({"01", "22"}),
                        "logistics": frozenset({"49", "52"})},
    corridor_countries={"NSEC": frozenset({"CN", "LA", "TH", "VN", "MM"}), "NSEC-R3A": frozenset({"CN", "LA", "TH"}),
                        "EWEC": frozenset({"MM", "TH", "LA", "VN"}), "SEC": frozenset({"KH", "TH", "VN"})},
    corridor_parent={"NSEC-R3A": "NSEC"},
    crossings=[("CN", "LA"), ("LA", "TH"), ("KH", "VN")],
    names={"01": "Crop growing", "10": "Food products", "coffee": "Coffee", "C": "Manufacturing",
           "NSEC": "North–South Economic Corridor", "LA": "Lao PDR", "TH": "Thailand", "CN": "China", "KH": "Cambodia",
           "VN": "Viet Nam"})


def sme(**kw) -> Profile:
    return Profile(id=kw.pop("id", "s"), **kw)


def request(**kw) -> Profile:
    return Profile(id=kw.pop("id", "r"), **kw)


def pair(component, a: Profile, b: Profile) -> float:
    fa = encode(CATALOG, [a], deal_vocabulary=DEALS)
    fb = encode(CATALOG, [b], deal_vocabulary=DEALS, any_country_when_empty=True)
    if component is components.corridor:
        return float(component(fa, fb, CATALOG.border)[0, 0])
    return float(component(fa, fb)[0, 0])


@pytest.mark.parametrize("a, b, expected", [
    (("10",), ("10", "49"), 1.0),            # same ISIC division
    (("coffee",), ("coffee",), 0.8),          # same regional sector
    (("10",), ("coffee",), 0.8),              # a division inside the regional sector
    (("11",), ("22",), 0.5),                  # same ISIC section only (manufacturing)
    (("49",), ("10",), 0.0),
    ((), ("10",), 0.0),
])
def test_sector_tiers(a, b, expected):
    assert pair(components.sector, sme(sectors=a), request(sectors=b)) == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [
    (dict(countries=("LA",), corridors=("NSEC-R3A",)), dict(countries=("TH",), corridors=("NSEC",)), 1.0),
    (dict(countries=("LA",)), dict(countries=("LA",), corridors=("EWEC",)), 0.7),   # EWEC runs through Laos
    (dict(countries=("CN",)), dict(countries=("LA",)), 0.5),                          # Mohan–Boten crossing
    (dict(countries=("KH",)), dict(countries=("KH",), corridors=("NSEC",)), 0.3),   # target, corridor elsewhere
    (dict(countries=("KH",)), dict(countries=("CN",)), 0.0),
    (dict(countries=("MM",)), dict(), 0.3),                                           # no targets: anywhere
])
def test_corridor_tiers(a, b, expected):
    assert pair(components.corridor, sme(**a), request(**b)) == pytest.approx(expected)


@pytest.mark.parametrize("sought, ticket, expected", [
    ((250_000, 600_000), (100_000, 1_000_000), 1.0),
    ((500_000, 1_500_000), (100_000, 1_000_000), 0.5),
    ((2_000_000, 3_000_000), (100_000, 1_000_000), 0.0),
    ((300_000, None), (100_000, 1_000_000), 1.0),          # one end known: a point
    ((None, None), (100_000, 1_000_000), 0.5),             # not said: neutral
])
def test_capital_fit(sought, ticket, expected):
    a = sme(money_min=sought[0], money_max=sought[1])
    b = request(money_min=ticket[0], money_max=ticket[1])
    assert pair(components.capital, a, b) == pytest.approx(expected)


def test_deal_types_overlap_or_neutral():
    assert pair(components.deal_types, sme(deals=("equity",)), request(deals=("equity", "loan"))) == 1.0
    assert pair(components.deal_types, sme(deals=("loan",)), request(deals=("equity",))) == 0.0
    assert pair(components.deal_types, sme(), request(deals=("equity",))) == 0.5


def test_text_similarity_is_cosine_of_words():
    same = pair(components.text, sme(text="arabica coffee roasting"), request(text="Coffee roasting, arabica"))
    unrelated = pair(components.text, sme(text="arabica coffee roasting"), request(text="cement kilns"))
    assert same == pytest.approx(1.0, abs=1e-5) and unrelated == pytest.approx(0.0, abs=1e-5)


def test_ranking_of_a_hand_checked_set():
    coffee_request = request(sectors=("coffee",), countries=("LA", "TH"), corridors=("NSEC",),
                             money_min=100_000, money_max=1_000_000, deals=("equity",))
    smes = [
        sme(id="rubber-in-cambodia", sectors=("rubber",), countries=("KH",), money_min=5e6, money_max=9e6),
        sme(id="lao-coffee", sectors=("coffee",), countries=("LA",), corridors=("NSEC-R3A",),
            money_min=250_000, money_max=600_000, deals=("equity",)),
        sme(id="thai-food", sectors=("10",), countries=("TH",), money_min=800_000, money_max=1_200_000,
            deals=("loan",)),
        sme(id="yunnan-logistics", sectors=("logistics",), countries=("CN",)),
    ]
    rows = encode(CATALOG, smes, deal_vocabulary=DEALS)
    columns = encode(CATALOG, [coffee_request], deal_vocabulary=DEALS, any_country_when_empty=True)
    ranked = best_rows_per_column(CATALOG, rows, columns, k=4)[0]
    assert [smes[i].id for i, _ in ranked] == ["lao-coffee", "thai-food", "rubber-in-cambodia", "yunnan-logistics"]
    best = explain(CATALOG, smes[1], coffee_request)
    assert best.reasons == ["Same sector: Coffee", "Both on the North–South Economic Corridor",
                            "Seeks USD 250,000–600,000, inside the USD 100,000–1,000,000 ticket", "Both want: equity"]
    assert best.score == pytest.approx(ranked[0][1], abs=0.01)


def test_weights_from_settings():
    assert Weights.from_mapping({"text": 0}).text == 0
    for bad in ({"charm": 0.5}, {"sector": -1}, {"sector": 0, "corridor": 0, "deal": 0, "text": 0}):
        with pytest.raises(ValueError):
            Weights.from_mapping(bad)


codes = st.lists(st.sampled_from(["01", "10", "11", "22", "49", "52", "coffee", "rubber", "logistics", "zz"]), max_size=3)
places = st.lists(st.sampled_from(["KH", "CN", "LA", "MM", "TH", "VN"]), max_size=2, unique=True)
routes = st.lists(st.sampled_from(["NSEC", "NSEC-R3A", "EWEC", "SEC"]), max_size=2)
money = st.one_of(st.none(), st.integers(0, 5_000_000))
profiles = st.builds(lambda s, c, k, lo, hi, d: Profile(id="p", sectors=tuple(s), corridors=tuple(c), countries=tuple(k),
                                                        money_min=None if lo is None or hi is None else min(lo, hi),
                                                        money_max=None if lo is None or hi is None else max(lo, hi),
                                                        deals=tuple(d)),
                     codes, routes, places, money, money, st.lists(st.sampled_from(DEALS), max_size=2))


@settings(max_examples=150, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=6), st.lists(profiles, min_size=1, max_size=4))
def test_matrix_and_explanation_agree_and_stay_in_bounds(rows, columns):
    a = encode(CATALOG, rows, deal_vocabulary=DEALS)
    b = encode(CATALOG, columns, deal_vocabulary=DEALS, any_country_when_empty=True)
    weights = Weights(text=0)
    scores = score(CATALOG, a, b, weights)
    assert np.all(scores >= 0) and np.all(scores <= 100 + 1e-4)
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            assert explain(CATALOG, row, column, weights).score == pytest.approx(float(scores[i, j]), abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 5), st.integers(1, 10), st.integers(0, 2**31 - 1))
def test_top_k_equals_a_full_sort(n, m, k, seed):
    scores = np.random.default_rng(seed).random((n, m)).astype(np.float32)
    best, values = top_k(scores, k)
    for j in range(m):
        expected = np.sort(scores[:, j])[::-1][:min(k, n)]
        assert np.allclose(values[:, j], expected) and np.allclose(scores[best[:, j], j], expected)


def test_sector_score_is_symmetric():
    a = encode(CATALOG, [sme(sectors=("coffee",)), sme(sectors=("11",))], deal_vocabulary=DEALS)
    assert np.array_equal(components.sector(a, a), components.sector(a, a).T)
    assert not math.isnan(float(components.capital(a, a)[0, 0]))


def test_company_size_is_a_hard_filter():
    sizes = ["micro", "small", "medium", "large"]
    smes = [sme(id="small", sectors=("10",), sizes=("small",)), sme(id="large", sectors=("10",), sizes=("large",)),
            sme(id="unsaid", sectors=("10",))]
    requests = [request(id="any", sectors=("10",)), request(id="big", sectors=("10",), sizes=("medium", "large"))]
    rows = encode(CATALOG, smes, deal_vocabulary=DEALS, size_vocabulary=sizes)
    columns = encode(CATALOG, requests, deal_vocabulary=DEALS, size_vocabulary=sizes, any_country_when_empty=True)
    result = score(CATALOG, rows, columns)
    assert (result[:, 0] > 0).all()                                   # no sizes named: everyone
    assert result[0, 1] == EXCLUDED and result[1, 1] > 0 and result[2, 1] > 0  # an SME that did not say stays
    best, values = top_k(result, 3)
    assert (values[:, 1] == EXCLUDED).sum() == 1 and best[-1, 1] == 0
