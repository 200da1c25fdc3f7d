"""The zone directory in a real browser: filters refresh the results as you type or choose, the
address follows (shareable, back button works), and an organizer curates a zone."""
import re

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user


def test_filters_update_results_and_the_address(page, test_output_dir):
    page.goto("/zones")
    count = page.locator("#results [role=status]")
    expect(count).to_have_text("64 zones")
    page.evaluate("window.notReloaded = true")  # survives only if htmx swaps instead of navigating

    page.get_by_label("Search by name").fill("special")
    expect(page).to_have_url(re.compile(r"q=special"))
    searched = count.inner_text()
    page.get_by_label("Kind").select_option("sez")  # not the first select: every control must trigger
    expect(page).to_have_url(re.compile(r"kind=sez"))
    page.get_by_label("At a border").select_option("true")
    expect(page).to_have_url(re.compile(r"border_zone=true"))
    expect(count).not_to_have_text(searched)
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=test_output_dir / "zone-directory.png", full_page=True)

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"border_zone=true"))
    expect(count).to_have_text(re.compile(r"\d+ zones?"))
    page.locator("#results tbody a").first.click()
    expect(page.get_by_role("heading", name="Investment requests that name this zone")).to_be_visible()


def test_organizer_edits_a_zone(page, live_engine, test_output_dir):
    with Session(live_engine) as session:
        create_user(session=session, email="curator@lmbf.example", password="organizer password",
                    role=Role.organizer)
        session.commit()
    page.goto("/login?next=/zones/LA-VITA-PARK")
    page.get_by_label("Email").fill("curator@lmbf.example")
    page.get_by_label("Password").fill("organizer password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Edit").click()  # a link styled as a button (Pico)

    page.get_by_label("Website").fill("vita-park.example")
    page.get_by_label("Search focus sectors").fill("coffee")
    page.get_by_label("Coffee", exact=True).check()
    page.get_by_role("button", name="Save zone").click()
    expect(page.locator("#err-website")).to_contain_text("http:// or https://")

    page.get_by_label("Website").fill("https://vita-park.example")
    page.get_by_role("button", name="Save zone").click()
    expect(page.locator(".flash-success")).to_have_text("Zone updated.")
    expect(page.locator("#sectors")).to_contain_text("Coffee")
    expect(page.get_by_role("link", name="https://vita-park.example")).to_have_attribute("rel", "noopener")
    page.screenshot(path=test_output_dir / "zone-edited.png", full_page=True)
