"""Deleting a profile or a request: only its owner or an admin, after a confirmation page; links go too."""
from sqlmodel import select

from app.auth.models import Role
from app.investors.models import InvestmentRequest, RequestSector
from app.smes.models import SmeProfile, SmeSector
from helpers import api_token, page, post_form, web_login
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme


def test_sme_confirms_then_deletes_its_profile(client, session, make_user):
    owner = make_user(Role.sme)
    sme_id = make_sme(session, owner).id
    web_login(client, owner.email)
    confirm = page(client.get(f"/smes/{sme_id}/delete"))
    assert confirm.find("h1").get_text() == "Delete this company profile?"
    assert confirm.find("article").find("form")["action"] == f"/smes/{sme_id}/delete"
    assert session.get(SmeProfile, sme_id) is not None  # showing the question deletes nothing
    assert post_form(client, f"/smes/{sme_id}/delete", {}).status_code == 303
    session.expire_all()
    assert session.get(SmeProfile, sme_id) is None
    assert session.exec(select(SmeSector).where(SmeSector.sme_id == sme_id)).all() == []


def test_only_the_owner_or_an_admin_deletes_a_profile(client, session, make_user):
    sme = make_sme(session, make_user(Role.sme))
    for role in (Role.sme, Role.investor, Role.organizer, Role.evaluator):
        response = client.delete(f"/api/v1/smes/{sme.id}", headers=api_token(client, make_user(role).email))
        assert response.status_code == 403, role
    assert client.delete(f"/api/v1/smes/{sme.id}").status_code == 401
    admin = api_token(client, make_user(Role.admin).email)
    assert client.delete(f"/api/v1/smes/{sme.id}", headers=admin).status_code == 204
    assert client.delete(f"/api/v1/smes/{sme.id}", headers=admin).status_code == 404


def test_investor_deletes_its_request_and_nobody_else_can(client, session, make_user):
    owner, intruder = make_user(Role.investor), make_user(Role.investor)
    make_investor(session, owner)
    make_investor(session, intruder)
    request_id = make_request(session, owner, title="Rice mills in the delta").id
    web_login(client, intruder.email)
    assert client.get(f"/requests/{request_id}/delete").status_code == 403
    assert post_form(client, f"/requests/{request_id}/delete", {}).status_code == 403
    assert client.delete(f"/api/v1/requests/{request_id}",
                         headers=api_token(client, make_user(Role.sme).email)).status_code in (403, 404)
    client.cookies.clear()
    web_login(client, owner.email)
    assert "Rice mills in the delta" in page(client.get(f"/requests/{request_id}/delete")).find("article").find("strong").get_text()
    assert post_form(client, f"/requests/{request_id}/delete", {}).headers["location"] == "/me/requests"
    session.expire_all()
    assert session.get(InvestmentRequest, request_id) is None
    assert session.exec(select(RequestSector).where(RequestSector.request_id == request_id)).all() == []
