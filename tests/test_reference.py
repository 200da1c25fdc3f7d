"""Reference data: every row of the shipped CSVs is loaded and every cross-reference resolves."""
from datetime import UTC, datetime

from sqlmodel import func, select

from app.reference.loader import load_reference, read_csv
from app.reference.models import Corridor, CorridorCountry, Country, Province, Sector, SectorDivision, SectorKind
from app.zones.models import BorderCrossing, EconomicZone, ZoneCorridor, ZoneSector
from helpers import reload_corrected_reference


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_every_csv_row_is_loaded(session):
    assert count(session, Country) == len(read_csv("countries.csv")) == 6
    assert count(session, Province) == len(read_csv("provinces.csv"))
    assert count(session, Corridor) == len(read_csv("corridors.csv"))
    assert count(session, Sector) == len(read_csv("sectors.csv"))
    assert count(session, BorderCrossing) == len(read_csv("border_crossings.csv"))
    assert count(session, EconomicZone) == len(read_csv("economic_zones.csv")) == 64


def test_codes_keep_their_form(session):
    assert session.get(Sector, "01").kind == SectorKind.division
    assert session.get(Province, "VN-07").name_en == "Tuyen Quang"


def test_cross_references_resolve(session):
    province_country = {p.code: p.country_code for p in session.exec(select(Province))}
    for zone in session.exec(select(EconomicZone)):
        assert zone.province_code is None or province_country[zone.province_code] == zone.country_code, zone.code
    for crossing in session.exec(select(BorderCrossing)):
        for side, country in ((crossing.province_a, crossing.country_a), (crossing.province_b, crossing.country_b)):
            assert side is None or province_country[side] == country, crossing.code
    corridor_countries = {(c.corridor_code, c.country_code) for c in session.exec(select(CorridorCountry))}
    for link in session.exec(select(ZoneCorridor)):
        zone = session.get(EconomicZone, link.zone_code)
        assert (link.corridor_code, zone.country_code) in corridor_countries, (zone.code, link.corridor_code)
    assert all(session.get(Sector, link.sector_code) for link in session.exec(select(ZoneSector)))
    for link in session.exec(select(SectorDivision)):
        assert session.get(Sector, link.division_code).kind == SectorKind.division
        assert session.get(Sector, link.sector_code).kind == SectorKind.regional


def test_loading_again_changes_nothing(session):
    assert load_reference(session=session).changed == 0


def test_edited_zone_survives_a_reload(session):
    zone = session.get(EconomicZone, "KH-PPSEZ")
    zone.incentives = "Edited by the organizer"
    zone.edited_at = datetime.now(UTC)
    session.delete(session.get(ZoneSector, ("KH-PPSEZ", "electronics")))
    session.flush()
    load_reference(session=session)
    session.expire_all()
    assert session.get(EconomicZone, "KH-PPSEZ").incentives == "Edited by the organizer"
    assert session.get(ZoneSector, ("KH-PPSEZ", "electronics")) is None
    # an unedited zone is brought back in line with the CSV
    other = session.get(EconomicZone, "KH-SSEZ")
    other.developer = "stale"
    session.flush()
    load_reference(session=session)
    assert session.get(EconomicZone, "KH-SSEZ").developer != "stale"


def test_picker_lists_are_shared_until_the_data_version_changes(session):
    """countries/sectors/corridors are built once per data version and language, and rebuilt after a
    reload that changed something (the loader bumps the version)."""
    from app.i18n.translate import using_locale
    from app.reference import service

    first = service.sectors(session=session)
    session.commit()  # a new transaction reads the version again: unchanged, the same list
    assert service.sectors(session=session) is first and isinstance(first, tuple)
    with using_locale("th"):
        thai = service.countries(session=session)
    assert thai is not service.countries(session=session)
    assert {c.value for c in thai} == {c.value for c in service.countries(session=session)}
    reload_corrected_reference(session, session.get(Sector, "01"), "name_en")
    again = service.sectors(session=session)
    assert again is not first and [c.label for c in again] == [c.label for c in first]
