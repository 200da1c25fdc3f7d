"""Issue 4's journey: an SME registers, builds its profile with inline validation, publishes it,
and an investor finds it in the browse list."""
import re

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user


def test_sme_profile_is_built_published_and_found_by_an_investor(page, browser, live_server, live_engine,
                                                                   test_output_dir):
    page.goto("/register?role=sme")
    page.get_by_label("Your name").fill("Noy Vongsa")
    page.get_by_label("Email").fill("noy@bolaven.example")
    page.get_by_label("Password").fill("plateau coffee beans")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("link", name="My company").click()
    expect(page.get_by_role("heading", name="Create your company profile")).to_be_visible()

    page.get_by_label("Company name").fill("Bolaven Plateau Roasters")
    page.locator("#f-country_code").select_option("LA")  # htmx loads Lao provinces
    expect(page.locator("#f-province_code").locator("option", has_text="Champasak")).to_have_count(1)
    page.locator("#f-province_code").select_option(label="Champasak")
    page.get_by_label("Company size").select_option("small")
    page.get_by_label("Search sectors (1 to 5)").fill("coffee")
    page.get_by_label("Coffee", exact=True).check()

    # Inline validation: the error appears when the field is left, before any submit.
    page.get_by_label("Capital sought from (USD)").fill("500000")
    page.get_by_label("Capital sought up to (USD)").fill("100000")
    page.get_by_label("Contact email").click()
    expect(page.locator("#err-capital_max_usd")).to_have_text("The maximum must be at least the minimum")
    page.get_by_label("Capital sought up to (USD)").fill("900000")
    page.get_by_label("Contact email").fill("noy@")
    page.get_by_label("Contact phone").click()
    expect(page.locator("#err-capital_max_usd")).to_have_text("")
    expect(page.locator("#err-contact_email")).to_contain_text("valid email")
    page.get_by_label("Contact email").fill("noy@bolaven.example")

    page.get_by_label("Published: visible to investors and organizers").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".flash-success")).to_have_text("Profile published: investors can now find it.")
    expect(page.get_by_role("heading", name="Bolaven Plateau Roasters")).to_be_visible()
    page.screenshot(path=test_output_dir / "sme-profile.png", full_page=True)

    with Session(live_engine) as session:
        create_user(session=session, email="fund@lancang.example", password="investor password", role=Role.investor)
        session.commit()
    investor = browser.new_context(base_url=live_server).new_page()
    investor.goto("/login")
    investor.get_by_label("Email").fill("fund@lancang.example")
    investor.get_by_label("Password").fill("investor password")
    investor.get_by_role("button", name="Log in").click()
    investor.get_by_role("link", name="SMEs").click()
    investor.locator("#f-country").select_option("LA")
    investor.get_by_label("Search by name or product").fill("plateau")
    expect(investor).to_have_url(re.compile(r"country=LA.*q=plateau|q=plateau.*country=LA"))
    investor.locator("#f-sector").select_option("coffee")  # not the first select: every control filters
    expect(investor).to_have_url(re.compile(r"sector=coffee"))
    result = investor.locator(".cards article")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Bolaven Plateau Roasters")
    result.get_by_role("link").click()
    expect(investor.get_by_text("Shared after a meeting is accepted.")).to_be_visible()
    investor.context.close()
