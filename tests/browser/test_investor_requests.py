"""Issue 4's investor journey: describe the organization, post a request, close and reopen it through
the confirmation dialog, and an SME finds it by typing in the browse filters."""
import re

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user


def log_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_investor_posts_closes_and_reopens_a_request_that_an_sme_finds(page, browser, live_server, live_engine,
                                                                        test_output_dir):
    with Session(live_engine) as session:
        create_user(session=session, email="chen@mekong-fund.example", password="investor password",
                    role=Role.investor)
        create_user(session=session, email="lan@rice-mill.example", password="sme password!", role=Role.sme)
        session.commit()
    log_in(page, "chen@mekong-fund.example", "investor password")
    page.goto("/requests/new")  # no organization yet: sent to describe it first
    expect(page.locator(".flash-info")).to_contain_text("Describe your organization first")
    page.get_by_label("Organization name").fill("Mekong Growth Fund")
    page.get_by_label("Kind of investor").select_option("fund")
    page.get_by_role("button", name="Create organization").click()
    expect(page.get_by_role("heading", name="Mekong Growth Fund")).to_be_visible()

    page.goto("/requests/new")
    page.get_by_label("Title").fill("Equity for Bolaven coffee roasters")
    page.get_by_label("Search sectors (1 to 10)").fill("coffee")
    page.get_by_label("Coffee", exact=True).check()
    page.locator("#field-countries").get_by_label("Laos").check()
    page.get_by_label("Equity").check()
    page.get_by_label("Ticket from (USD)").fill("100000")
    page.get_by_label("Ticket up to (USD)").fill("900000")
    page.get_by_role("button", name="Post request").click()
    expect(page.get_by_role("heading", name="Equity for Bolaven coffee roasters")).to_be_visible()
    page.screenshot(path=test_output_dir / "investment-request.png", full_page=True)

    url = page.url
    page.once("dialog", lambda dialog: dialog.accept())  # hx-confirm asks first
    page.get_by_role("button", name="Close request").click()
    expect(page.locator("#request-status .badge-closed")).to_have_text("Closed")
    expect(page.locator(".flash-success")).to_contain_text("Request closed")
    assert page.url == url  # swapped in place, no page load
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reopen request").click()
    expect(page.locator("#request-status .badge-open")).to_have_text("Open")

    sme = browser.new_context(base_url=live_server).new_page()
    log_in(sme, "lan@rice-mill.example", "sme password!")
    sme.goto("/requests")
    sme.get_by_label("Search titles and descriptions").fill("bolaven")
    expect(sme).to_have_url(re.compile(r"q=bolaven"))
    expect(sme.locator("#results article")).to_have_count(1)
    expect(sme.locator("#results article header a")).to_have_text("Equity for Bolaven coffee roasters")
    sme.locator("#f-deal_type").select_option("equity")  # every field filters, not just the first
    expect(sme).to_have_url(re.compile(r"deal_type=equity"))
    sme.get_by_label("Ticket from (USD)").fill("2000000")
    expect(sme.locator("#results .empty")).to_contain_text("No request matches these filters.")
