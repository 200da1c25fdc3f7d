"""Accounts through the JSON API: OAuth2 password flow, registration, roles."""
from app.auth.models import Role
from helpers import PASSWORD, api_token


def test_token_flow_and_me(client, make_user):
    user = make_user(Role.investor)
    headers = api_token(client, user.email)
    me = client.get("/api/v1/auth/me", headers=headers)
    assert me.status_code == 200
    assert me.json() == {"id": user.id, "email": user.email, "full_name": user.full_name,
                         "role": "investor", "is_active": True}
    assert "password_hash" not in me.text


def test_bad_credentials_give_one_message_and_401(client, make_user):
    user = make_user(Role.sme)
    wrong = client.post("/api/v1/auth/token", data={"username": user.email, "password": "wrong password"})
    unknown = client.post("/api/v1/auth/token", data={"username": "ghost@example.com", "password": "wrong password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Email or password is incorrect."}
    assert wrong.headers["www-authenticate"] == "Bearer"


def test_api_failures_count_towards_the_rate_limit(client, make_user):
    user = make_user(Role.sme)
    for _ in range(5):
        client.post("/api/v1/auth/token", data={"username": user.email, "password": "wrong password"})
    locked = client.post("/api/v1/auth/token", data={"username": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0


def test_missing_or_forged_token_is_401(client):
    assert client.get("/api/v1/auth/me").status_code == 401
    forged = client.get("/api/v1/auth/me", headers={"Authorization": "Bearer not.a.token"})
    assert forged.status_code == 401
    assert forged.json() == {"detail": "Not authenticated: send a valid bearer token."}


def test_register_via_api(client):
    body = {"email": "Buyer@Fund.example", "full_name": "Lin Wei", "password": PASSWORD, "role": "investor"}
    created = client.post("/api/v1/auth/register", json=body)
    assert created.status_code == 201
    assert created.json()["email"] == "buyer@fund.example"
    again = client.post("/api/v1/auth/register", json=body)
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "email"]
    escalate = client.post("/api/v1/auth/register", json=dict(body, email="x@fund.example", role="admin"))
    assert escalate.status_code == 422
    assert escalate.json()["detail"][0]["loc"] == ["body", "role"]


def test_password_change_revokes_old_tokens(client, make_user):
    user = make_user(Role.sme)
    old = api_token(client, user.email)
    response = client.post("/api/v1/auth/password", headers=old,
                           json={"current_password": PASSWORD, "new_password": "a brand new passphrase"})
    assert response.status_code == 204
    assert client.get("/api/v1/auth/me", headers=old).status_code == 401
    assert client.get("/api/v1/auth/me", headers=api_token(client, user.email, "a brand new passphrase")).status_code == 200


def test_roles_are_managed_by_admins_only(client, make_user):
    sme, admin = make_user(Role.sme), make_user(Role.admin)
    as_sme, as_admin = api_token(client, sme.email), api_token(client, admin.email)
    assert client.get("/api/v1/users", headers=as_sme).status_code == 403
    assert client.put(f"/api/v1/users/{admin.id}/role", headers=as_sme, json={"role": "sme"}).status_code == 403
    listing = client.get("/api/v1/users", headers=as_admin, params={"role": "sme"})
    assert listing.json()["total"] == 1 and listing.json()["items"][0]["email"] == sme.email
    changed = client.put(f"/api/v1/users/{sme.id}/role", headers=as_admin, json={"role": "evaluator"})
    assert changed.json()["role"] == "evaluator"
    assert client.put("/api/v1/users/999999/role", headers=as_admin, json={"role": "sme"}).status_code == 404
    assert client.put(f"/api/v1/users/{sme.id}/role", headers=as_admin, json={"role": "king"}).status_code == 422
    assert client.get("/api/v1/users", headers=as_admin, params={"limit": 0}).status_code == 422
