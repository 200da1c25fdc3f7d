"""The public read API for reference data: corridors, sectors, crossings, countries, provinces."""
import pytest

from app.reference.loader import read_csv

CORRIDORS = read_csv("corridors.csv")
CROSSINGS = read_csv("border_crossings.csv")
SECTORS = read_csv("sectors.csv")


def everything(client, url, **params) -> dict:
    body = client.get(url, params={**params, "limit": 200})
    assert body.status_code == 200, body.text
    return body.json()


def test_corridors_with_the_countries_they_serve(client):
    body = everything(client, "/api/v1/corridors")
    assert body["total"] == len(body["items"]) == len(CORRIDORS)
    served = {c["code"]: c["countries"] for c in body["items"]}
    assert served == {c["code"]: sorted(c["countries"].split()) for c in CORRIDORS}
    first_route = next(i for i, c in enumerate(body["items"]) if c["parent_code"])
    assert all(c["parent_code"] for c in body["items"][first_route:])  # corridors first, then routes


def test_a_corridor_with_its_routes_crossings_and_zones(client):
    body = client.get("/api/v1/corridors/SEC").json()
    routes = {c["code"] for c in CORRIDORS if c["parent"] == "SEC"}
    assert set(body["routes"]) == routes
    on_sec = {"SEC"} | routes
    assert set(body["crossings"]) == {x["code"] for x in CROSSINGS if on_sec & set(x["corridors"].split())}
    assert set(body["zones"]) == {z["code"] for z in read_csv("economic_zones.csv")
                                  if on_sec & set(z["corridors"].split())}
    assert client.get("/api/v1/corridors/NOPE").status_code == 404


@pytest.mark.parametrize("kind", ["section", "division", "regional"])
def test_sectors_by_kind(client, kind):
    body = everything(client, "/api/v1/sectors", kind=kind)
    assert {s["code"] for s in body["items"]} == {s["code"] for s in SECTORS if s["kind"] == kind}
    assert body["total"] == len(body["items"])


def test_sector_search_and_regional_mapping(client):
    body = everything(client, "/api/v1/sectors", q="COFFEE")
    coffee = next(s for s in body["items"] if s["code"] == "coffee")
    shipped = next(s for s in SECTORS if s["code"] == "coffee")
    assert coffee["isic_divisions"] == sorted(shipped["isic_divisions"].split())
    assert {s["code"] for s in body["items"]} == {s["code"] for s in SECTORS if "coffee" in s["name_en"].lower()}
    assert client.get("/api/v1/sectors", params={"kind": "galaxy"}).status_code == 422


def test_crossings_by_country_on_either_side(client):
    body = everything(client, "/api/v1/crossings", country="LA")
    wanted = {x["code"] for x in CROSSINGS if "LA" in (x["country_a"], x["country_b"])}
    assert wanted and {x["code"] for x in body["items"]} == wanted
    mohan = client.get("/api/v1/crossings", params={"country": "CN", "limit": 200}).json()["items"]
    boten = next(x for x in mohan if x["code"] == "CN-LA-MOHAN-BOTEN")
    assert set(boten["corridors"]) == set(next(x for x in CROSSINGS if x["code"] == boten["code"])["corridors"].split())
    assert everything(client, "/api/v1/crossings")["total"] == len(CROSSINGS)


def test_countries_and_their_provinces(client):
    countries = everything(client, "/api/v1/countries")
    assert {c["code"] for c in countries["items"]} == {c["code"] for c in read_csv("countries.csv")}
    provinces = everything(client, "/api/v1/countries/LA/provinces")
    assert {p["code"] for p in provinces["items"]} == {p["code"] for p in read_csv("provinces.csv")
                                                       if p["country"] == "LA"}
    assert client.get("/api/v1/countries/XX/provinces").status_code == 404


def test_lists_page_with_limit_and_offset(client):
    first = client.get("/api/v1/sectors", params={"limit": 5}).json()
    second = client.get("/api/v1/sectors", params={"limit": 5, "offset": 5}).json()
    assert len(first["items"]) == len(second["items"]) == 5 and first["total"] == len(SECTORS)
    assert not {s["code"] for s in first["items"]} & {s["code"] for s in second["items"]}
    for url in ("/api/v1/corridors", "/api/v1/crossings", "/api/v1/countries", "/api/v1/sectors"):
        assert client.get(url, params={"limit": 0}).status_code == 422, url
        assert client.get(url, params={"offset": -1}).status_code == 422, url
