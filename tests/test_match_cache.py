"""The match cache refreshes only what changed, and ends up exactly where a full rebuild would.

The catalog object tells the two paths apart: an incremental refresh keeps it, a rebuild reads a new one.
"""
import numpy as np
from sqlmodel import select

from app.auth.models import Role, User
from app.investors import request_service
from app.investors.schemas import RequestIn
from app.matches import index as cache
from app.matches import service, version
from app.matches.index import MatchIndex, match_index
from app.matches.models import ChangeKind, DataChange
from app.matching.engine import score
from app.matching.features import Features, Profile, encode
from app.smes import service as sme_service
from app.smes.schemas import SmeProfileIn
from app.vocab import RequestStatus
from app.zones.schemas import ZoneUpdate
from app.zones.service import update_zone
from helpers import reload_corrected_reference
from test_matches_api import setup_market
from test_matching_engine import CATALOG, DEALS
from test_requests import VALID as REQUEST
from test_smes import VALID as SME
from test_smes import make_sme

ARRAYS = [f for f in Features.__dataclass_fields__ if f not in ("ids", "cache")]


def rebuilt(session) -> MatchIndex:
    """What a process starting now would build, bypassing the cache."""
    return cache._rebuilt(session, version.current(session=session))


def assert_same(index: MatchIndex, reference: MatchIndex) -> None:
    """Same profiles in the same row order (ties between equal scores break alike), same feature rows,
    same scores per id."""
    for side in ("sme", "request"):
        rows, ref_rows = getattr(index, f"{side}_rows"), getattr(reference, f"{side}_rows")
        features, ref_features = getattr(index, f"{side}_features"), getattr(reference, f"{side}_features")
        profiles, ref_profiles = getattr(index, f"{side}s"), getattr(reference, f"{side}s")
        assert features.ids == ref_features.ids and len(features) == len(rows)
        for id_, row in rows.items():
            assert features.ids[row] == id_ and profiles[row] == ref_profiles[ref_rows[id_]]
            for name in ARRAYS:
                np.testing.assert_array_equal(getattr(features, name)[row], getattr(ref_features, name)[ref_rows[id_]])
    for request_id in reference.request_rows:
        mine = score(index.catalog, index.sme_features, index.request_features.take([index.request_rows[request_id]]))
        theirs = score(reference.catalog, reference.sme_features,
                       reference.request_features.take([reference.request_rows[request_id]]))
        assert {i: mine[row, 0] for i, row in index.sme_rows.items()} == \
               {i: theirs[row, 0] for i, row in reference.sme_rows.items()}


def owner_of(session, sme) -> User:
    return session.get(User, sme.owner_id)


def test_bump_logs_each_version_and_keeps_only_the_newest(session, monkeypatch):
    monkeypatch.setattr(version, "KEEP", 3)
    version.bump(session=session, sme_id=7)
    version.bump(session=session, request_id=8)
    version.bump(session=session)
    version.bump(session=session, sme_id=9)
    last, stamp = version.current(session=session)
    log = session.exec(select(DataChange).order_by(DataChange.version)).all()
    assert [(c.version, c.kind, c.item_id) for c in log] == [
        (last - 2, ChangeKind.request, 8), (last - 1, ChangeKind.all, None), (last, ChangeKind.sme, 9)]
    assert log[-1].stamp == stamp
    assert version.changes(session=session, since=(last - 2, log[0].stamp), until=(last, stamp)) == [
        (ChangeKind.all, None), (ChangeKind.sme, 9)]
    assert version.changes(session=session, since=(last - 3, "trimmed"), until=(last, stamp)) is None


def test_a_match_page_reads_the_version_with_its_request(session, make_user):
    """request_of carries the data version along (one round trip less); a bump later in the same
    transaction is still read afresh."""
    investor, request, _, _ = setup_market(session, make_user)
    session.commit()
    request_id, expected = request.id, version.current(session=session)
    session.commit()  # a new transaction: nothing read yet
    session.expunge_all()  # nor the request: it is read from the database
    assert version.SEEN not in session.info
    service.request_of(session=session, actor=session.merge(investor), request_id=request_id)
    assert session.info[version.SEEN] == expected
    version.bump(session=session, sme_id=1)
    assert version.current(session=session)[0] == expected[0] + 1


def test_an_sme_edit_reloads_that_sme_only_and_matches_a_rebuild(session, make_user):
    _, request, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    rows_before = dict(before.sme_rows)
    sme_service.save(session=session, actor=owner_of(session, rubber), sme_id=rubber.id,
                     data=SmeProfileIn.model_validate({**SME, "published": True, "sectors": ["coffee"],
                                                       "corridors": ["NSEC"], "country_code": "LA",
                                                       "province_code": None}))
    session.commit()
    after = match_index(session=session)
    assert after.catalog is before.catalog and after.request_features is before.request_features  # incremental
    assert after.sme_features is not before.sme_features and after.sme_features.cache == {}
    assert before.sme_rows == rows_before and len(before.sme_features) == len(rows_before)  # old one untouched
    assert after.smes[after.sme_rows[rubber.id]].sectors == ("coffee",)
    assert after.sme_features.ids[-1] == rubber.id  # the reloaded row goes last
    assert_same(after, rebuilt(session))
    assert match_index(session=session) is after


def test_an_unpublished_sme_leaves_and_a_new_one_appears(session, make_user):
    _, request, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    sme_service.set_published(session=session, actor=owner_of(session, rubber), sme_id=rubber.id, published=False)
    session.commit()
    fresh = make_sme(session, make_user(Role.sme), name="Vientiane Roasters", country_code="LA", province_code=None,
                     sectors=["coffee"], corridors=["NSEC"])
    after = match_index(session=session)  # two versions behind: both changes in one refresh
    assert after.catalog is before.catalog
    assert rubber.id not in after.sme_rows and fresh.id in after.sme_rows and coffee.id in after.sme_rows
    assert_same(after, rebuilt(session))
    sme_service.delete_profile(session=session, actor=owner_of(session, fresh), sme_id=fresh.id)
    session.commit()
    gone = match_index(session=session)
    assert gone.catalog is before.catalog and fresh.id not in gone.sme_rows
    assert_same(gone, rebuilt(session))


def test_an_edited_request_is_scored_with_its_new_sectors(session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    row = before.request_rows[request.id]
    old = score(before.catalog, before.sme_features, before.request_features.take([row]))[:, 0]
    assert old[before.sme_rows[coffee.id]] > old[before.sme_rows[rubber.id]]
    request_service.save_request(session=session, actor=investor, request_id=request.id,
                                 data=RequestIn.model_validate({**REQUEST, "sectors": ["rubber"], "countries": ["KH"],
                                                                "corridors": ["SEC"], "deal_types": ["loan"]}))
    session.commit()
    after = match_index(session=session)
    assert after.catalog is before.catalog and after.sme_features is before.sme_features  # SMEs untouched
    assert after.requests[after.request_rows[request.id]].sectors == ("rubber",)
    new = score(after.catalog, after.sme_features, after.request_features.take([after.request_rows[request.id]]))[:, 0]
    assert new[after.sme_rows[rubber.id]] > new[after.sme_rows[coffee.id]]
    assert_same(after, rebuilt(session))
    request_service.set_status(session=session, actor=investor, request_id=request.id, status=RequestStatus.closed)
    session.commit()
    closed = match_index(session=session)
    assert closed.catalog is before.catalog and request.id not in closed.request_rows
    assert_same(closed, rebuilt(session))


def test_a_zone_edit_rebuilds_everything(session, make_user):
    setup_market(session, make_user)
    before = match_index(session=session)
    update_zone(session=session, actor=make_user(Role.organizer), code="KH-PPSEZ",
                data=ZoneUpdate(focus_sectors=["rice"]))
    session.commit()
    after = match_index(session=session)
    assert after.key != before.key and after.catalog is not before.catalog
    assert_same(after, rebuilt(session))


def test_a_version_redone_with_another_stamp_rebuilds_everything(session, make_user):
    _, _, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    with session.begin_nested() as undone:  # a change some process cached, then rolled back
        version.bump(session=session, sme_id=rubber.id)
        seen = match_index(session=session)
        assert seen.catalog is before.catalog
        undone.rollback()
    version.bump(session=session, sme_id=coffee.id)  # the same version number, another stamp
    session.commit()
    assert version.current(session=session)[0] == seen.key[0]
    after = match_index(session=session)
    assert after.key != seen.key and after.catalog is not seen.catalog
    assert_same(after, rebuilt(session))


def test_too_many_changes_at_once_rebuild_everything(session, make_user, monkeypatch):
    _, _, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    monkeypatch.setattr(cache, "MAX_REFRESH", 1)
    for sme in (coffee, rubber):
        version.bump(session=session, sme_id=sme.id)
    session.commit()
    assert match_index(session=session).catalog is not before.catalog


def test_features_replace_drops_and_appends_rows_in_a_new_object():
    def profile(id_, sector, country, low):
        return Profile(id=id_, sectors=(sector,), countries=(country,), money_min=low, money_max=low * 2,
                       deals=("equity",), text=f"{sector} company in {country}")

    a, b, c = profile(1, "coffee", "LA", 100.0), profile(2, "rubber", "KH", 200.0), profile(3, "10", "TH", 300.0)
    b2, d = profile(2, "logistics", "VN", 250.0), profile(4, "coffee", "CN", 400.0)
    old = encode(CATALOG, [a, b, c], deal_vocabulary=DEALS)
    old.memo("packed", lambda: "stale")
    new = old.replace({2, 9}, encode(CATALOG, [b2, d], deal_vocabulary=DEALS))
    expected = encode(CATALOG, [a, c, b2, d], deal_vocabulary=DEALS)
    assert new.ids == [1, 3, 2, 4] and new.cache == {}
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(new, name), getattr(expected, name))
        assert getattr(new, name).dtype == getattr(expected, name).dtype
    assert old.ids == [1, 2, 3] and old.cache == {"packed": "stale"} and len(old.divisions) == 3
    emptied = old.replace({1, 2, 3}, encode(CATALOG, [], deal_vocabulary=DEALS))
    assert len(emptied) == 0 and emptied.divisions.shape == (0, old.divisions.shape[1])


def test_reloading_changed_reference_data_rebuilds_every_worker(session):
    from app.reference.loader import load_reference
    from app.zones.models import EconomicZone

    before = match_index(session=session)
    assert load_reference(session=session).changed == 0  # nothing new: the cache stays
    session.commit()
    assert match_index(session=session) is before
    reload_corrected_reference(session, session.get(EconomicZone, "LA-SAYSETTHA"), "name")
    assert match_index(session=session).catalog is not before.catalog
