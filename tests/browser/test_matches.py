"""Issue 5's journeys: an investor sorts ranked SMEs and expresses interest; the SME, on a phone,
answers and both see each other's contacts; an organizer re-weights a forum's suggested meetings."""
import re

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user
from test_forum_matches import make_forum
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme
from test_investor_requests import log_in

PASSWORD = "match password"


def test_interest_from_both_sides_shares_contacts(page, phone, live_engine, test_output_dir):
    with Session(live_engine) as session:
        investor = create_user(session=session, email="ivy@tea-fund.example", password=PASSWORD, role=Role.investor)
        owner = create_user(session=session, email="somchai@tea.example", password=PASSWORD, role=Role.sme)
        session.commit()
        organization = make_investor(session, investor, name="Tea Leaf Capital", contact_email="ivy@tea-fund.example")
        request = make_request(session, investor, title="Tea processors in northern Laos", sectors=["tea"],
                               countries=["LA"], corridors=["NSEC"], deal_types=["equity"],
                               ticket_min_usd=50_000, ticket_max_usd=400_000)
        sme = make_sme(session, owner, name="Phongsaly Tea Garden", country_code="LA", province_code=None,
                       sectors=["tea"], corridors=["NSEC"], contact_email="somchai@tea.example")
        request_id, sme_id, organization_id = request.id, sme.id, organization.id

    log_in(page, "ivy@tea-fund.example", PASSWORD)
    page.goto(f"/requests/{request_id}/matches")
    card = page.locator(f"#match-{sme_id}")
    expect(card.locator("strong").first).to_have_text("Phongsaly Tea Garden")
    expect(card.locator(".reasons")).to_contain_text("Same sector: Tea")
    url = page.url
    card.get_by_role("button", name="Shortlist").click()  # a button with its own formaction, in the card's one form
    expect(card.locator(".badge-shortlisted")).to_have_text("Shortlisted")
    expect(card.get_by_role("status")).to_have_text("Added to the shortlist.")  # htmx swapped the card
    card.get_by_role("button", name="Express interest").click()
    expect(card).to_contain_text("You said you are interested")
    assert page.url == url  # updated in place
    page.get_by_label("Show").select_option("shortlisted")
    expect(page).to_have_url(re.compile(r"show=shortlisted"))
    expect(page.locator("#results .match")).to_have_count(1)

    log_in(phone, "somchai@tea.example", PASSWORD)
    phone.goto("/me/matches")
    offer = phone.locator(f"#match-{request_id}")
    expect(offer.locator(".badge-interest")).to_have_text("The investor is interested")
    offer.get_by_role("button", name="Accept: I am interested too").click()
    expect(offer.locator(".badge-mutual")).to_contain_text("contact details shared")
    expect(phone.locator("#suited-zones .match").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    phone.screenshot(path=test_output_dir / "matches-sme-phone.png", full_page=True)
    phone.goto(f"/investors/{organization_id}")
    expect(phone.get_by_text("ivy@tea-fund.example")).to_be_visible()

    page.goto(f"/smes/{sme_id}")
    expect(page.get_by_text("somchai@tea.example")).to_be_visible()


def test_organizer_reweights_suggested_meetings(page, live_engine, test_output_dir):
    with Session(live_engine) as session:
        create_user(session=session, email="org@forum.example", password=PASSWORD, role=Role.organizer)
        investor = create_user(session=session, email="rice@fund.example", password=PASSWORD, role=Role.investor)
        owner = create_user(session=session, email="mill@rice.example", password=PASSWORD, role=Role.sme)
        session.commit()
        make_investor(session, investor, name="Rice Fund")
        make_request(session, investor, title="Rice mills in the delta", sectors=["rice"], countries=["VN"])
        make_sme(session, owner, name="Can Tho Rice Mill")
        forum = make_forum(session, [investor, owner], title="Rice forum")
        forum_id = forum.id

    log_in(page, "org@forum.example", PASSWORD)
    expect(page.locator(".flash-success")).to_contain_text("Welcome")
    page.goto(f"/forums/{forum_id}")
    page.get_by_role("button", name="Suggested meetings").click()  # a link styled as a button
    first = page.locator(".pairs tbody tr").first
    expect(first).to_contain_text("Can Tho Rice Mill")
    page.locator("details#weights summary").click()
    page.get_by_label("Sector").fill("1")
    page.get_by_label("Corridor").fill("0")
    page.get_by_label("Deal fit").fill("0")
    page.get_by_label("Description").fill("0")
    page.get_by_role("button", name="Save and re-rank").click()
    expect(page.locator(".flash-success")).to_contain_text("Weights saved")
    expect(page.locator("details#weights summary")).to_contain_text("sector 1, corridor 0")
    # Sector alone decides now: both name the regional sector Rice (0.8 of the sector component).
    expect(page.locator(".pairs tbody tr").first.locator("strong")).to_have_text("80")
    page.screenshot(path=test_output_dir / "forum-suggestions.png", full_page=True)
