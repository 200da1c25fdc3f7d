"""Reference data as the JSON API shows it (read-only)."""
from pydantic import BaseModel, ConfigDict

from app.reference.models import SectorKind
from app.zones.models import CrossingKind


class CountryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "code": "LA", "iso3": "LAO", "name_en": "Lao PDR", "name_local": "ລາວ", "capital": "Vientiane",
        "currency": "LAK", "timezone": "Asia/Vientiane"}]})

    code: str
    iso3: str
    name_en: str
    name_local: str
    capital: str
    currency: str
    timezone: str


class ProvinceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "code": "LA-CH", "country_code": "LA", "name_en": "Champasak", "name_local": "ຈຳປາສັກ",
        "kind": "province"}]})

    code: str
    country_code: str
    name_en: str
    name_local: str
    kind: str


class CorridorOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "NSEC-KM-BKK-R3A", "name": "NSEC Western subcorridor: Kunming–Bangkok via Lao PDR (R3A)",
        "parent_code": "NSEC", "kind": "gms_subcorridor", "countries": ["CN", "LA", "TH"],
        "route": "Kunming – Jinghong – Boten – Houayxay – Chiang Khong – Chiang Rai – Bangkok",
        "description": "Kunming–Bangkok Expressway through northern Lao PDR.", "source": "ADB GMS"}]})

    code: str
    name: str
    parent_code: str | None
    kind: str
    countries: list[str]
    route: str
    description: str
    source: str


class CorridorDetailOut(CorridorOut):
    """A corridor with what lies on it (its routes included)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **CorridorOut.model_config["json_schema_extra"]["examples"][0],
        "routes": [], "crossings": ["CN-LA-MOHAN-BOTEN", "LA-TH-HOUAYXAY-CHIANGKHONG"],
        "zones": ["LA-BOTEN", "TH-SEZ-CHIANGRAI"]}]})

    routes: list[str]
    crossings: list[str]
    zones: list[str]


class SectorOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "coffee", "kind": "regional", "name_en": "Coffee", "parent_code": "A",
        "description": "Viet Nam is the world's second-largest coffee producer.", "isic_divisions": ["01", "10"]}]})

    code: str
    kind: SectorKind
    name_en: str
    parent_code: str | None
    description: str
    isic_divisions: list[str]  # for a regional sector: the ISIC divisions it spans


class CrossingOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "CN-LA-MOHAN-BOTEN", "name": "Mohan–Boten", "country_a": "CN", "place_a": "Mohan (Mengla)",
        "province_a": "CN-YN", "country_b": "LA", "place_b": "Boten", "province_b": "LA-LM",
        "kind": "international", "lat": 21.183, "lon": 101.685, "corridors": ["NSEC", "CLR"],
        "notes": "China–Laos Railway border crossing (2021)."}]})

    code: str
    name: str
    country_a: str
    place_a: str
    province_a: str | None
    country_b: str
    place_b: str
    province_b: str | None
    kind: CrossingKind
    lat: float | None
    lon: float | None
    corridors: list[str]
    notes: str
