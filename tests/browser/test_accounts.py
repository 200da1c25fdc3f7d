"""Accounts in a real browser: register, log out, fail and succeed to log in, admin changes a role."""
from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user


def register(page, email: str, role: str = "sme"):
    page.goto("/register")
    page.get_by_label("An SME" if role == "sme" else "An investor").check()
    page.get_by_label("Your name").fill("Sokha Chan")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("mekong river delta")
    page.get_by_role("button", name="Create account").click()


def test_register_logout_and_login_again(page, test_output_dir):
    register(page, "sokha@rice.kh")
    expect(page.locator(".flash-success")).to_have_text("Your account is ready.")
    page.get_by_text("Sokha Chan").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("sokha@rice.kh")
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".form-error")).to_have_text("Email or password is incorrect.")
    expect(page.get_by_label("Email")).to_have_value("sokha@rice.kh")

    page.get_by_label("Password").fill("mekong river delta")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash-success")).to_contain_text("Welcome, Sokha Chan")
    page.screenshot(path=test_output_dir / "accounts-logged-in.png", full_page=True)


def test_register_shows_errors_next_to_fields(page):
    page.goto("/register")
    page.get_by_label("Email").fill("not an email")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#err-email")).to_contain_text("valid email")
    expect(page.locator("#err-password")).to_have_text("Use at least 10 characters.")
    expect(page.locator("#err-full_name")).to_have_text("This field is required.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")


def test_admin_changes_a_role_without_reload(page, live_engine):
    with Session(live_engine) as session:
        create_user(session=session, email="boss@example.com", password="admin password", role=Role.admin)
        create_user(session=session, email="helper@example.com", password="helper password", role=Role.sme)
        session.commit()
    page.goto("/login")
    page.get_by_label("Email").fill("boss@example.com")
    page.get_by_label("Password").fill("admin password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Users").click()
    page.get_by_label("Search by name or email").fill("helper@")
    expect(page.locator("tbody tr")).to_have_count(1)
    page.evaluate("window.__marker = 'same page'")  # survives only if nothing reloads
    page.get_by_label("Role of helper@example.com").select_option("organizer")
    page.locator("#results").get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_have_text("helper@example.com is now organizer.")
    assert page.evaluate("window.__marker") == "same page"
    assert "q=helper" in page.url  # the filter is in the address, shareable and back-button safe


def test_pages_fit_a_390_px_phone(phone):
    def fits(path: str) -> None:
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide"

    for path in ("/", "/zones", "/corridors", "/register", "/login"):
        fits(path)
    phone.goto("/register")
    phone.get_by_label("Your name").fill("Somchai Kittisak-Wattanapong Long Name")
    phone.get_by_label("Email").fill("somchai.with.a.rather.long.address@phone.example")
    phone.get_by_label("Password").fill("phone passphrase")
    phone.get_by_role("button", name="Create account").click()
    for path in ("/", "/me/profile/edit", "/requests"):
        fits(path)
