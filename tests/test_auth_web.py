"""Accounts through the browser's front door: forms, CSRF, cookies, rate limits, admin roles."""
from sqlmodel import func, select

from app.auth.models import Role, User
from helpers import PASSWORD, csrf_from, field_error, page, web_login


def register(client, **fields):
    data = {"role": "sme", "full_name": "Khamla P.", "email": "khamla@coffee.la", "password": PASSWORD, **fields}
    data["csrf_token"] = csrf_from(client.get("/register").text)
    return client.post("/register", data=data, follow_redirects=False)


def users(session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def test_register_logs_the_new_sme_in(client, session):
    response = register(client)
    assert response.status_code == 303
    home = client.get("/")
    assert page(home).find("summary").get_text(strip=True) == "Khamla P."
    assert session.exec(select(User).where(User.email == "khamla@coffee.la")).one().role == Role.sme


def test_register_rejects_each_bad_field_and_saves_nothing(client, session):
    before = users(session)
    cases = {"email": ("not-an-email", "Enter a valid email address"),
             "password": ("short", "Use at least 10 characters."),
             "full_name": ("", "This field is required."),
             "role": ("admin", "Choose SME or investor")}
    for field, (value, message) in cases.items():
        response = register(client, **{field: value})
        assert response.status_code == 422, field
        assert message in field_error(response, field), field
    assert users(session) == before


def test_register_with_a_taken_email_is_refused(client, make_user):
    make_user(Role.investor, email="taken@example.com")
    response = register(client, email="Taken@Example.com")
    assert response.status_code == 422
    assert "already exists" in field_error(response, "email")


def test_login_with_wrong_password_or_unknown_email_says_the_same(client, make_user):
    make_user(Role.sme, email="known@example.com")
    wrong = web_login(client, "known@example.com", "wrong password!")
    unknown = web_login(client, "nobody@example.com", "wrong password!")
    assert wrong.status_code == unknown.status_code == 401
    message = lambda r: page(r).find(class_="form-error").get_text(strip=True)  # noqa: E731
    assert message(wrong) == message(unknown) == "Email or password is incorrect."


def test_login_redirects_to_next_but_never_off_site(client, make_user):
    admin = make_user(Role.admin)
    assert client.get("/admin/users", follow_redirects=False).headers["location"] == "/login?next=/admin/users"
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", data={"email": admin.email, "password": PASSWORD, "csrf_token": token,
                                           "next": "//evil.example/phish"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_unsafe_requests_need_the_csrf_token_and_our_origin(client, make_user):
    user = make_user(Role.sme)
    no_token = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert no_token.status_code == 403
    token = csrf_from(client.get("/login").text)
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/login", data=data, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    wrong = dict(data, csrf_token="forged")
    assert client.post("/login", data=wrong).status_code == 403
    ok = client.post("/login", data=data, headers={"X-CSRF-Token": token, "Origin": "http://testserver",
                                                   "Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
    assert ok.status_code == 303


def test_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    response = web_login(client, make_user(Role.sme).email)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_logout_ends_the_session(client, make_user):
    admin = make_user(Role.admin)
    web_login(client, admin.email)
    assert client.get("/admin/users").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    assert client.get("/admin/users", follow_redirects=False).status_code == 303


def test_failed_logins_are_rate_limited_per_account(client, make_user):
    user = make_user(Role.sme)
    for _ in range(5):
        assert web_login(client, user.email, "wrong password!").status_code == 401
    locked = web_login(client, user.email, PASSWORD)  # even the right password waits now
    assert locked.status_code == 429
    assert "Too many failed logins" in page(locked).find(class_="form-error").get_text()


def test_password_change_logs_out_other_sessions(app, client, make_user):
    from fastapi.testclient import TestClient

    user = make_user(Role.admin)
    web_login(client, user.email)
    with TestClient(app) as other_device:
        web_login(other_device, user.email)
        token = csrf_from(client.get("/account/password").text)
        mismatch = client.post("/account/password", data={"csrf_token": token, "current_password": PASSWORD,
                                                          "new_password": "another long one", "confirm_password": "x"})
        assert mismatch.status_code == 422
        assert field_error(mismatch, "confirm_password") == "The two new passwords differ"
        wrong = client.post("/account/password", data={"csrf_token": token, "current_password": "nope",
                                                       "new_password": "another long one",
                                                       "confirm_password": "another long one"})
        assert wrong.status_code == 422
        assert field_error(wrong, "current_password") == "The current password is not right."
        good = client.post("/account/password", data={"csrf_token": token, "current_password": PASSWORD,
                                                      "new_password": "another long one",
                                                      "confirm_password": "another long one"}, follow_redirects=False)
        assert good.status_code == 303
        assert client.get("/admin/users").status_code == 200
        assert other_device.get("/admin/users", follow_redirects=False).status_code == 303
    assert web_login(client, user.email, "another long one").status_code == 303


def test_only_admins_see_users_and_change_roles(client, make_user, session):
    sme = make_user(Role.sme)
    web_login(client, sme.email)
    assert client.get("/admin/users").status_code == 403
    client.cookies.clear()
    admin = make_user(Role.admin)
    web_login(client, admin.email)
    listing = client.get("/admin/users", params={"q": sme.email})
    rows = page(listing).select("tbody tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == [sme.email]
    token = csrf_from(listing.text)
    fragment = client.post(f"/admin/users/{sme.id}/role", data={"role": "organizer", "csrf_token": token},
                           headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and page(fragment).find("tr")["id"] == f"user-{sme.id}"
    session.expire_all()
    assert session.get(User, sme.id).role == Role.organizer
    invalid = client.post(f"/admin/users/{sme.id}/role", data={"role": "emperor", "csrf_token": token})
    assert invalid.status_code == 422
    selfdemote = client.post(f"/admin/users/{admin.id}/role", data={"role": "sme", "csrf_token": token})
    assert selfdemote.status_code == 403


def test_user_list_filters_as_a_fragment_for_htmx(client, make_user):
    admin = make_user(Role.admin)
    for _ in range(3):
        make_user(Role.investor)
    web_login(client, admin.email)
    fragment = client.get("/admin/users", params={"role": "investor"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert len(page(fragment).select("tbody tr")) == 3
    assert "HX-Request" in fragment.headers["vary"]
