"""Zone ↔ zone complementarity: each component on hand-made cases, properties on random zone sets,
a hand-checked ranking and the real reference data."""
import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import PROJECT_ROOT
from app.matching.catalog import Catalog
from app.matching.complement import WEIGHTS, Zone, complementarity, explain_pair

HEKOU_LAOCAI, MONGCAI = "CN-VN-HEKOU-LAOCAI", "CN-VN-DONGXING-MONGCAI"
CATALOG = Catalog(
    division_section={"01": "A", "02": "A", "03": "A", "10": "C", "11": "C", "13": "C", "14": "C", "16": "C",
                      "22": "C", "29": "C", "49": "H", "52": "H", "55": "I"},
    regional_divisions={"rice": frozenset({"01", "10"}), "garments": frozenset({"13", "14"}),
                        "agro": frozenset({"10", "11"}), "logistics": frozenset({"49", "52"}),
                        "tourism": frozenset({"55"})},
    corridor_countries={"NSEC": frozenset({"CN", "LA", "TH", "VN"}), "NSEC-HP": frozenset({"CN", "VN"}),
                        "EWEC": frozenset({"LA", "TH", "VN"}), "SEC": frozenset({"KH", "TH", "VN"})},
    corridor_parent={"NSEC-HP": "NSEC"},
    crossings=[("CN", "VN"), ("CN", "LA"), ("LA", "TH"), ("KH", "VN")],
    names={"01": "Crop and animal production", "10": "Food products", "49": "Land transport",
           "NSEC": "North–South Economic Corridor", "NSEC-HP": "Kunming–Hai Phong route",
           "CN": "China", "VN": "Viet Nam", "LA": "Lao PDR", "TH": "Thailand", "KH": "Cambodia",
           HEKOU_LAOCAI: "Hekou–Lao Cai", "hekou": "Hekou", "laocai": "Lao Cai Border Gate EZ"})


def zone(code="z", country="VN", **kw) -> Zone:
    return Zone(code=code, country=country, **kw)


def pair(component: str, a: Zone, b: Zone) -> float:
    return float(complementarity(CATALOG, [a, b])[component][0, 1])


@pytest.mark.parametrize("a, b, expected", [
    (("01",), ("10",), 1.0),                  # crops -> food processing
    (("10",), ("01",), 1.0),                  # either way round
    (("rice",), ("agro",), 1.0),              # regional sectors expand to divisions (01 -> 10)
    (("13",), ("14",), 1.0),                  # fabric -> apparel
    (("garments",), ("garments",), 0.0),      # both already make fabric and apparel: nothing to give
    (("rice",), ("10",), 1.0),                # the processor lacks the crops the rice zone grows
    (("10", "49"), ("49",), 0.0),             # a maker with its own logistics needs no mover
    (("01", "49"), ("10",), 1.0),             # raw -> processing beats logistics
    (("10",), ("49",), 0.6),                  # manufacturing + transport
    (("agro",), ("logistics",), 0.6),
    (("01",), ("49",), 0.0),                  # crops are not manufacturing
    (("10",), ("11",), 0.0),                  # no same-stage links
    (("10",), ("10",), 0.0),
    (("tourism",), ("01",), 0.0),
    (("zz",), ("10",), 0.0),                  # unknown codes count for nothing
    ((), (), 0.0),
])
def test_chain(a, b, expected):
    assert pair("chain", zone(sectors=a), zone(sectors=b)) == pytest.approx(expected)
    assert explain_pair(CATALOG, zone(sectors=a), zone(sectors=b)).components["chain"] == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [       # (country, corridors) of each zone
    (("CN", ("NSEC-HP",)), ("TH", ("NSEC",)), 1.0),     # a route implies its corridor
    (("LA", ("EWEC",)), ("VN", ("EWEC",)), 1.0),
    (("CN", ("NSEC-HP",)), ("VN", ("EWEC",)), 0.5),     # joined by a border crossing
    (("LA", ()), ("TH", ()), 0.5),
    (("TH", ()), ("TH", ()), 0.3),
    (("XX", ()), ("XX", ()), 0.3),                      # same country, even one the catalog lacks
    (("LA", ()), ("VN", ()), 0.0),                      # no crossing in this catalog
    (("KH", ()), ("CN", ()), 0.0),
])
def test_corridor(a, b, expected):
    first, second = (zone(country=c, corridors=k) for c, k in (a, b))
    assert pair("corridor", first, second) == pytest.approx(expected)
    assert explain_pair(CATALOG, first, second).components["corridor"] == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [       # (country, crossing) of two border zones
    (("CN", HEKOU_LAOCAI), ("VN", HEKOU_LAOCAI), 1.0),  # facing each other
    (("CN", HEKOU_LAOCAI), ("VN", MONGCAI), 0.5),       # neighbours, different crossings
    (("CN", None), ("LA", None), 0.5),                  # neighbours, crossings not given
    (("CN", HEKOU_LAOCAI), ("CN", HEKOU_LAOCAI), 0.0),  # same side of the border
    (("KH", None), ("CN", None), 0.0),                  # not neighbours
    (("KH", "X"), ("CN", "X"), 1.0),                    # the crossing code decides, not the country pair
])
def test_border(a, b, expected):
    first, second = (zone(country=c, border_zone=True, crossing=x) for c, x in (a, b))
    assert pair("border", first, second) == expected
    assert explain_pair(CATALOG, first, second).components["border"] == expected


def test_border_needs_both_to_be_border_zones():
    a = zone(country="CN", border_zone=True, crossing=HEKOU_LAOCAI)
    b = zone(country="VN", border_zone=False, crossing=HEKOU_LAOCAI)
    assert pair("border", a, b) == 0.0 and pair("border", b, a) == 0.0


def test_reasons_name_who_supplies_whom():
    hekou = Zone("hekou", "CN", ("01", "logistics"), ("NSEC-HP",), True, HEKOU_LAOCAI)
    laocai = Zone("laocai", "VN", ("10",), ("NSEC-HP",), True, HEKOU_LAOCAI)
    explanation = explain_pair(CATALOG, laocai, hekou)
    assert explanation.reasons == [
        ("Hekou supplies Crop and animal production (ISIC 01) that Lao Cai Border Gate EZ processes: "
         "Food products (ISIC 10)"),
        "Both on the North–South Economic Corridor",
        "Border zones facing each other at the Hekou–Lao Cai crossing"]
    assert explanation.score == pytest.approx(100.0)
    moving = explain_pair(CATALOG, zone("laocai", sectors=("10",)), zone("hekou", "CN", sectors=("49",)))
    assert moving.components == {"chain": 0.6, "corridor": 0.5, "border": 0.0}
    assert moving.reasons == [("Lao Cai Border Gate EZ makes Food products (ISIC 10) that Hekou can move: "
                               "Land transport (ISIC 49)"),
                              "Viet Nam borders China through a border crossing"]
    assert explain_pair(CATALOG, zone(country="KH"), zone(country="CN")).reasons == []   # nothing above 0


def test_ranking_of_a_hand_checked_set():
    processor = zone("food-vn", "VN", sectors=("10",), border_zone=True, crossing=HEKOU_LAOCAI)
    partners = [
        zone("garments-vn", "VN", sectors=("garments",)),                                   # same country: 0.3 × 30
        zone("rice-cn", "CN", sectors=("rice",), border_zone=True, crossing=HEKOU_LAOCAI),  # 50 + 0.5 × 30 + 20
        zone("trucks-th", "TH", sectors=("logistics",)),                                    # 0.6 × 50
    ]
    scores = complementarity(CATALOG, [processor, *partners])["score"][0, 1:]
    ranked = [partners[i].code for i in np.argsort(-scores)]
    assert ranked == ["rice-cn", "trucks-th", "garments-vn"]
    assert scores[np.argsort(-scores)] == pytest.approx([85.0, 30.0, 9.0])


sectors = st.lists(st.sampled_from(["01", "02", "10", "11", "13", "14", "22", "29", "49", "55",
                                    "rice", "garments", "agro", "logistics", "zz"]), max_size=3)
zones = st.builds(lambda code, country, s, c, border, at: Zone(code, country, tuple(s), tuple(c), border, at),
                  st.sampled_from(["a", "b", "c"]), st.sampled_from(["CN", "VN", "LA", "TH", "KH", "XX"]), sectors,
                  st.lists(st.sampled_from(["NSEC", "NSEC-HP", "EWEC", "SEC", "nowhere"]), max_size=2),
                  st.booleans(), st.sampled_from([None, HEKOU_LAOCAI, MONGCAI]))


@settings(max_examples=60, deadline=None)
@given(st.lists(zones, min_size=1, max_size=7))
def test_matrices_bounded_symmetric_and_agree_with_explanations(group):
    result = complementarity(CATALOG, group)
    n = len(group)
    off = ~np.eye(n, dtype=bool)
    for name in WEIGHTS:
        assert result[name].shape == (n, n)
        assert np.all((result[name] >= 0) & (result[name] <= 1))
    for name in (*WEIGHTS, "score"):
        assert np.array_equal(result[name], result[name].T)
    assert np.all(np.diag(result["score"]) == -1)
    assert np.all((result["score"][off] >= 0) & (result["score"][off] <= 100 + 1e-4))
    for i, a in enumerate(group):
        for j, b in enumerate(group):
            if i != j:
                explanation = explain_pair(CATALOG, a, b)
                assert explanation.score == pytest.approx(float(result["score"][i, j]), abs=1e-4)
                for name in WEIGHTS:
                    assert explanation.components[name] == pytest.approx(float(result[name][i, j]), abs=1e-4)


def _rows(name: str) -> list[dict]:
    with open(PROJECT_ROOT / "app" / "reference" / "data" / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_real_zones_hekou_faces_lao_cai():
    sector_rows, corridors, crossings = _rows("sectors.csv"), _rows("corridors.csv"), _rows("border_crossings.csv")
    zone_rows = _rows("economic_zones.csv")
    names = {r["code"]: r["name_en"] for r in sector_rows + _rows("countries.csv")}
    names |= {r["code"]: r["name"] for r in corridors + crossings + zone_rows}
    catalog = Catalog(
        division_section={r["code"]: r["parent"] for r in sector_rows if r["kind"] == "division"},
        regional_divisions={r["code"]: frozenset(r["isic_divisions"].split()) for r in sector_rows
                            if r["kind"] == "regional"},
        corridor_countries={r["code"]: frozenset(r["countries"].split()) for r in corridors},
        corridor_parent={r["code"]: r["parent"] or None for r in corridors},
        crossings=[(r["country_a"], r["country_b"]) for r in crossings],
        names=names)
    real = [Zone(r["code"], r["country"], tuple(r["focus_sectors"].split()), tuple(r["corridors"].split()),
                 r["border_zone"] == "true", r["border_crossing"] or None) for r in zone_rows]
    assert len(real) == 64
    result = complementarity(catalog, real)
    assert result["score"].shape == (64, 64)
    codes = [z.code for z in real]
    hekou = codes.index("CN-HEKOU-BECZ")
    top3 = [codes[i] for i in np.argsort(-result["score"][hekou], kind="stable")[:3]]
    assert "VN-LAOCAI-BGEZ" in top3
    explanation = explain_pair(catalog, real[hekou], real[codes.index("VN-LAOCAI-BGEZ")])
    assert explanation.score == pytest.approx(float(result["score"][hekou, codes.index("VN-LAOCAI-BGEZ")]), abs=1e-4)
    assert any("crossing" in reason for reason in explanation.reasons)
