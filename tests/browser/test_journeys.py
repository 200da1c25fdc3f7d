"""Issue 8's browser journeys on a fresh database with the demo data (`demo_server`): the four users
each do their job through the web pages, start to finish, as a person would: typing into forms,
following links and buttons (htmx swaps included), on a 1280 px screen and, for the SME and the
investor, on a 390 px phone too. What *other* people do meanwhile (an investor asking the new
company for a meeting, the organizers scheduling) goes through the app's services, said so where
it happens. Each journey ends with a full-page screenshot, test-output/<journey>-<viewport>.png.

The journeys share the demo database but do not depend on each other's order: each registers its
own people or picks pairs that no other journey touches.
"""
import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session, col, func, or_, select

from app.auth.models import User
from app.demo.showcase import DEMO_PASSWORD, FORUM
from app.forums import meeting_requests, planner
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.models import Forum, Meeting, MeetingRequest, MeetingStatus, Registration
from app.forums.registration import own_registration
from app.investors.models import Investor
from test_evaluation import download_outcomes, hold_meetings, read_dashboard

FORUM_TITLE = FORUM["title"]
ORGANIZER = "organizer@example.com"
VIEWPORTS = pytest.mark.parametrize("viewport", ["desktop", "phone"])


# --- what a person does in the browser -------------------------------------------------------------

def press(target: Locator) -> None:
    """A tap on a phone (touch screen), a click elsewhere."""
    if target.page.viewport_size["width"] < 640:
        target.tap()
    else:
        target.click()


def go(page: Page, name: str) -> None:
    """Open a page from the main navigation. On a phone the menu wraps under the brand name (nothing is
    folded away), so its links must be there and visible, and are tapped."""
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
    expect(link).to_be_visible()
    press(link)


def register(page: Page, *, role: str, name: str, email: str, password: str) -> None:
    page.goto("/")
    press(page.get_by_role("navigation", name="Main").get_by_role("button", name="Register"))  # a link styled as one
    page.get_by_label("An SME" if role == "sme" else "An investor").check()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    press(page.get_by_role("button", name="Create account"))
    expect(page.locator(".flash-success")).to_have_text("Your account is ready.")


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/")
    press(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    press(page.get_by_role("button", name="Log in"))
    expect(page.locator(".flash-success")).to_contain_text("Welcome")


def open_forum(page: Page) -> None:
    go(page, "Forums")
    press(page.get_by_role("link", name=FORUM_TITLE))
    expect(page.get_by_role("heading", name=FORUM_TITLE, level=1)).to_be_visible()


def register_for_forum(page: Page) -> None:
    open_forum(page)
    press(page.get_by_role("button", name="Register for this forum"))
    expect(page.locator("fieldset.slots input:checked").first).to_be_visible()  # every slot, by default
    press(page.get_by_role("button", name="Register", exact=True))
    expect(page.locator(".flash-success")).to_contain_text("You are registered")


def fits_the_screen(page: Page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} scrolls sideways"


def scores(cards: Locator) -> list[int]:
    return [int(s) for s in cards.locator(".match-score").evaluate_all("els => els.map(e => e.firstChild.textContent)")]


def screenshot(page: Page, test_output_dir, journey: str, viewport: str) -> None:
    page.screenshot(path=test_output_dir / f"{journey}-{viewport}.png", full_page=True)


# --- what other people do meanwhile (services, not the browser) --------------------------------------

def demo_forum_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(Forum.id).where(Forum.title == FORUM_TITLE)).one()


def least_busy_investor(session: Session, forum_id: int, besides: int | None = None) -> Registration:
    """The registered investor with the fewest live meeting requests (so the forum's cap of meetings per
    participant leaves room), and none with registration `besides`."""
    live = [MeetingRequest.status.in_(meeting_requests.LIVE)]
    load = (select(func.count()).select_from(MeetingRequest).where(
        *live, or_(MeetingRequest.requester_id == Registration.id, MeetingRequest.recipient_id == Registration.id))
        .scalar_subquery())
    query = select(Registration).where(Registration.forum_id == forum_id, Registration.role == "investor")
    if besides is not None:
        paired = select(MeetingRequest.requester_id).where(*live, MeetingRequest.recipient_id == besides).union(
            select(MeetingRequest.recipient_id).where(*live, MeetingRequest.requester_id == besides))
        query = query.where(col(Registration.id).not_in(paired))
    return session.exec(query.order_by(load, Registration.id)).first()


def investor_name(session: Session, registration: Registration) -> str:
    return session.exec(select(Investor.name).where(Investor.owner_id == registration.user_id)).one()


def an_investor_asks_to_meet(engine, sme_email: str) -> str:
    """Meanwhile, an investor registered for the forum asks the new company for a meeting."""
    forum_id = demo_forum_id(engine)
    with Session(engine) as session:
        owner = session.exec(select(User).where(User.email == sme_email)).one()
        own = own_registration(session=session, user=owner, forum_id=forum_id)
        investor = least_busy_investor(session, forum_id, besides=own.id)
        asker = session.get(User, investor.user_id)
        meeting_requests.ask(session=session, actor=asker, forum_id=forum_id, data=MeetingRequestIn(
            recipient_id=own.id, message="Your Paksong coffee fits our Yunnan cafes: shall we meet?"))
        name = investor_name(session, investor)
        session.commit()
    return name


def the_organizers_schedule(engine) -> None:
    """Meanwhile, the organizers run Schedule all (journey 3 does it in the browser)."""
    with Session(engine) as session:
        organizer = session.exec(select(User).where(User.email == ORGANIZER)).one()
        planner.schedule_forum(session=session, actor=organizer, forum_id=demo_forum_id(engine))
        session.commit()


# --- (1) the SME ---------------------------------------------------------------------------------------

@VIEWPORTS
def test_sme_registers_publishes_matches_meets_and_takes_the_agenda(demo_page, demo_engine, viewport, test_output_dir):
    page, email = demo_page, f"noy.{viewport}@paksong-roasters.example"
    company = f"Paksong Roasters ({viewport})"
    register(page, role="sme", name="Noy Vongsa", email=email, password="plateau coffee beans")

    go(page, "My company")
    expect(page.get_by_role("heading", name="Create your company profile")).to_be_visible()
    page.get_by_label("Company name").fill(company)
    page.locator("#f-country_code").select_option("LA")  # htmx loads the Lao provinces
    expect(page.locator("#f-province_code option", has_text="Champasak")).to_have_count(1)
    page.locator("#f-province_code").select_option(label="Champasak")
    page.get_by_label("Company size").select_option("small")
    page.get_by_label("Search sectors (1 to 5)").fill("coffee")
    page.get_by_label("Coffee", exact=True).check()
    page.get_by_label("Products and services").fill("Washed Arabica green beans and medium roasts")
    page.locator("fieldset[name=seeks]").get_by_label("Equity").check()
    page.get_by_label("Capital sought from (USD)").fill("200000")
    page.get_by_label("Capital sought up to (USD)").fill("800000")
    page.get_by_label("Search corridors you trade on").fill("railway")
    page.locator("#field-corridors").get_by_label(re.compile("China–Laos Railway")).check()
    page.get_by_label("Description").fill("Paksong smallholder coffee, roasted on the Bolaven Plateau and shipped "
                                          "to Kunming by the China–Laos Railway. We seek equity for a roasting line.")
    page.get_by_label("Contact email").fill(email)
    page.get_by_label("Published: visible to investors and organizers").check()
    press(page.get_by_role("button", name="Save profile"))
    expect(page.locator(".flash-success")).to_have_text("Profile published: investors can now find it.")
    expect(page.get_by_role("heading", name=company)).to_be_visible()

    # Ranked requests with their reasons, best first, and the zones suited to the company.
    go(page, "My matches")
    requests = page.locator("article.match:not([id^=match-zone-])")
    expect(requests.first.locator(".reasons")).to_contain_text("Coffee")
    ranked = scores(requests)
    assert len(ranked) > 1 and ranked == sorted(ranked, reverse=True), ranked
    if viewport == "phone":
        fits_the_screen(page)
    zone = page.locator("#suited-zones article.match").first
    zone_name = zone.locator("header strong").inner_text()
    press(zone.get_by_role("link", name=zone_name))
    expect(page.get_by_role("heading", name=zone_name, level=1)).to_be_visible()
    page.go_back()

    best = requests.first
    page.evaluate("window.notReloaded = true")
    press(best.get_by_role("button", name="Express interest"))
    expect(best).to_contain_text("You said you are interested")
    expect(best.get_by_role("status")).to_have_text("Interest sent: the other side sees it on its matches.")
    assert page.evaluate("window.notReloaded") is True  # the card was swapped in place

    # The forum: register, then answer the meeting request an investor sends meanwhile.
    register_for_forum(page)
    investor = an_investor_asks_to_meet(demo_engine, email)  # meanwhile, another person (services)
    open_forum(page)
    press(page.get_by_role("navigation", name="Your forum").get_by_role("button", name="Meeting requests"))
    asked = page.locator("tr", has_text=f"From {investor}")
    expect(asked.locator(".badge")).to_have_text("Pending")
    press(asked.get_by_role("button", name="Accept"))
    expect(asked.locator(".badge")).to_have_text("Accepted")
    expect(asked.get_by_role("status")).to_contain_text("Schedule all will give it a time and a table")

    the_organizers_schedule(demo_engine)  # meanwhile, the organizers (services; journey 3 does it in the browser)
    open_forum(page)
    press(page.get_by_role("button", name="My agenda"))
    meeting = page.locator(".agenda-table tbody tr", has_text=investor)
    expect(meeting).to_contain_text("Table")
    expect(meeting.locator(".badge")).to_have_text("Scheduled")
    with page.expect_download() as downloading:
        press(page.get_by_role("button", name="Add to my calendar (.ics)"))
    saved = test_output_dir / f"sme-agenda-{viewport}.ics"
    downloading.value.save_as(saved)
    events = [e for e in Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
              if str(e["SUMMARY"]) == f"B2B meeting with {investor}"]
    assert len(events) == 1 and str(events[0]["STATUS"]) == "CONFIRMED", events
    assert "Table" in str(events[0]["LOCATION"]) and events[0].decoded("DTSTART") < events[0].decoded("DTEND")
    if viewport == "phone":
        fits_the_screen(page)
    screenshot(page, test_output_dir, "sme", viewport)


# --- (2) the investor --------------------------------------------------------------------------------

def ask_for_a_meeting(page: Page, offer: Locator, message: str) -> str:
    """Follow an "Ask for a meeting at …" button to the forum's request form, which has the company chosen."""
    press(offer)
    form = page.locator("details", has=page.get_by_role("button", name="Send request"))
    expect(form).to_have_attribute("open", "")
    chosen = page.get_by_label("Who do you want to meet?").locator("option:checked").inner_text()
    company = chosen.removesuffix(" (company)")
    page.get_by_label("Message").fill(message)
    press(page.get_by_role("button", name="Send request"))
    expect(page.locator(".flash-success")).to_contain_text("Meeting request sent")
    expect(page.locator("tr", has_text=f"To {company}").locator(".badge")).to_have_text("Pending")
    return company


def open_my_request(page: Page, title: str) -> None:
    go(page, "My requests")
    press(page.get_by_role("link", name=title))
    press(page.get_by_role("button", name="See matching SMEs"))
    expect(page.get_by_role("heading", name=f"SMEs for “{title}”")).to_be_visible()


@VIEWPORTS
def test_investor_posts_a_request_shortlists_ranked_smes_and_asks_for_meetings(demo_page, viewport, test_output_dir):
    page, email = demo_page, f"chen.{viewport}@delta-ventures.example"
    title = f"Equity for Lao coffee processors ({viewport})"
    register(page, role="investor", name="Chen Wei", email=email, password="mekong delta ventures")

    go(page, "My organization")
    expect(page.get_by_role("heading", name="Describe your organization")).to_be_visible()
    page.get_by_label("Organization name").fill(f"Delta Ventures ({viewport})")
    page.get_by_label("Kind of investor").select_option("fund")
    page.get_by_label("Country (head office)").select_option("CN")
    page.get_by_label("Contact email").fill(email)
    press(page.get_by_role("button", name="Create organization"))
    expect(page.get_by_role("heading", name=f"Delta Ventures ({viewport})")).to_be_visible()

    go(page, "My requests")
    press(page.get_by_role("button", name="New request"))
    page.get_by_label("Title").fill(title)
    page.get_by_label("Search sectors (1 to 10)").fill("coffee")
    page.get_by_label("Coffee", exact=True).check()
    page.locator("#field-countries").get_by_label("Laos").check()
    page.locator("#field-countries").get_by_label("Myanmar").check()
    page.locator("fieldset[name=deal_types]").get_by_label("Equity").check()
    page.get_by_label("Ticket from (USD)").fill("100000")
    page.get_by_label("Ticket up to (USD)").fill("1000000")
    press(page.get_by_role("button", name="Post request"))
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    # Ranked SMEs with the reasons; shortlist the best one, in place.
    press(page.get_by_role("button", name="See matching SMEs"))
    cards = page.locator("#results article.match")
    expect(cards.first.locator(".reasons")).to_contain_text("Same sector: Coffee")
    ranked = scores(cards)
    assert len(ranked) > 1 and ranked == sorted(ranked, reverse=True), ranked
    if viewport == "phone":
        fits_the_screen(page)
    best = cards.first
    best_name = best.locator("header strong").inner_text()
    page.evaluate("window.notReloaded = true")
    press(best.get_by_role("button", name="Shortlist"))
    expect(best.locator(".badge-shortlisted")).to_have_text("Shortlisted")
    page.get_by_label("Show").select_option("shortlisted")
    expect(page).to_have_url(re.compile(r"show=shortlisted"))
    expect(cards).to_have_count(1)
    expect(cards.first.locator("header strong")).to_have_text(best_name)
    assert page.evaluate("window.notReloaded") is True

    # Register for the forum: the companies registered there now offer "Ask for a meeting".
    register_for_forum(page)
    open_my_request(page, title)
    offers = page.get_by_role("button", name=f"Ask for a meeting at {FORUM_TITLE}")
    expect(offers.first).to_be_visible()
    assert offers.count() >= 2, "fewer than two registered companies among the matches"
    first = ask_for_a_meeting(page, offers.first, "We invest in Lao coffee processing: shall we meet?")

    # The second from the company's profile, opened from its card.
    open_my_request(page, title)
    card = page.locator("#results article.match", has=offers).nth(1)
    name = card.locator("header strong").inner_text()
    assert name != first
    press(card.get_by_role("link", name=name))
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    second = ask_for_a_meeting(page, page.get_by_role("button", name=f"Ask for a meeting at {FORUM_TITLE}"),
                               "Your profile fits our coffee request; could we meet in Kunming?")
    assert second == name
    expect(page.locator("#results tbody tr")).to_have_count(2)
    if viewport == "phone":
        fits_the_screen(page)
    screenshot(page, test_output_dir, "investor", viewport)


# --- (3) the organizer ---------------------------------------------------------------------------------

DEMO_COMPANY = "Bolaven Highland Coffee Sole Co., Ltd."


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_organizer_schedules_moves_prints_and_checks_in(demo_page, demo_engine, test_output_dir):
    page = demo_page
    with Session(demo_engine) as session:  # whom the organizer will pair up: an investor with room left
        company = session.exec(select(Registration).join(User, User.id == Registration.user_id)
                               .where(User.email == "sme@example.com")).one()
        investor = investor_name(session, least_busy_investor(session, company.forum_id, besides=company.id))
    log_in(page, ORGANIZER)
    open_forum(page)
    running = page.get_by_role("navigation", name="Running the forum")

    # A meeting arranged by hand, then Schedule all places it with the accepted requests.
    press(running.get_by_role("button", name="Meeting requests"))
    page.get_by_text("Arrange a meeting between two participants").click()
    page.get_by_label("First participant").select_option(label=f"{DEMO_COMPANY} (company)")
    page.get_by_label("Second participant").select_option(label=f"{investor} (investor)")
    page.get_by_label("Message").fill("Coffee for Yunnan: arranged at the welcome desk.")
    press(page.get_by_role("button", name="Arrange meeting"))
    expect(page.locator(".flash-success")).to_have_text("Meeting arranged; Schedule all will place it.")

    open_forum(page)
    press(running.get_by_role("button", name="Schedule board"))
    expect(page.locator("hgroup p")).to_contain_text(re.compile(r"[1-9]\d* accepted requests? waiting"))
    press(page.get_by_role("button", name="Schedule all"))
    report = page.locator("#schedule-report")
    expect(report).to_contain_text(re.compile(r"Scheduled [1-9]\d* of \d+; at most \d+ possible"))
    scheduled, to_schedule = map(int, re.search(r"Scheduled (\d+) of (\d+)", report.inner_text()).groups())
    press(report.get_by_role("link", name="Reload the board"))
    expect(page.locator("hgroup p")).to_contain_text(f"{to_schedule - scheduled} accepted request")
    cells = page.locator("a.cell")
    expect(cells.first).to_be_visible()

    # Move a meeting to a free table at the same time (its two people are free then, whatever else they have).
    press(cells.first)
    expect(page.get_by_role("heading", name="Move")).to_be_visible()
    before = page.locator("hgroup p").inner_text()  # e.g. "Fri 08 Jan, 09:00 at Table 3 · Scheduled"
    when = before.split(" at ")[0]
    target = page.locator(f'#cell optgroup[label="{when}"] option').first
    table = target.inner_text().split(" · ")[1]
    page.get_by_label("Free time and table").select_option(target.get_attribute("value"))
    press(page.get_by_role("button", name="Move here"))
    expect(page.locator(".flash-success")).to_have_text("Meeting moved; both participants are told.")
    expect(page.locator("hgroup p")).to_contain_text(f"{when} at {table}")
    assert page.locator("hgroup p").inner_text() != before

    # Print the plans, one page per person.
    press(page.get_by_role("link", name="Schedule board"))
    press(page.get_by_role("link", name="Print plans per person"))
    plans = page.locator("article.agenda")
    expect(plans.first.locator(".agenda-table tbody tr").first).to_be_visible()
    people = plans.count()
    # A test has no print dialog to close: count the calls instead (once the page's script is in).
    page.wait_for_load_state()
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    press(page.get_by_role("button", name="Print"))
    assert page.evaluate("window.printed") == 1
    pdf = page.pdf(path=test_output_dir / "organizer-plans.pdf", format="A4")
    assert pdf_pages(pdf) >= people > 1  # each person's plan starts a page of its own
    page.go_back()

    # At the venue: find the company, see its agenda, check it in.
    open_forum(page)
    press(running.get_by_role("button", name="Registrations and check-in"))
    page.get_by_label("Search names").fill("bolaven highland")
    expect(page).to_have_url(re.compile(r"q=bolaven"))
    row = page.locator("#results tbody tr")
    expect(row).to_have_count(1)
    press(row.get_by_role("link", name="Agenda"))
    expect(page.locator(".agenda-table")).to_contain_text(investor)
    page.go_back()
    expect(row).to_have_count(1)
    press(row.get_by_role("button", name="Check in"))
    expect(row.get_by_role("button", name="✓ Present")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Search names").fill("")
    expect(page.locator("#results > p").first).to_contain_text(re.compile(r"; [1-9]\d* checked in"))
    screenshot(page, test_output_dir, "organizer", "desktop")


# --- (4) the evaluator ---------------------------------------------------------------------------------

def test_evaluator_reads_the_dashboard_and_downloads_the_xlsx_export(demo_page, demo_engine, test_output_dir):
    page, forum_id = demo_page, demo_forum_id(demo_engine)
    with Session(demo_engine) as session:
        # Meanwhile, at the venue: the organizers have scheduled the forum and the first meetings were held.
        organizer = session.exec(select(User).where(User.email == ORGANIZER)).one()
        hold_meetings(session, organizer, forum_id, limit=5)
        session.commit()
        statuses = session.exec(select(Meeting.status).where(Meeting.forum_id == forum_id)).all()
    held = sum(s == MeetingStatus.held for s in statuses)
    assert held >= 5

    log_in(page, "evaluator@example.com")
    funnel = read_dashboard(page, forum_id)
    expect(page.get_by_role("heading", name=f"Evaluation: {FORUM_TITLE}")).to_be_visible()
    expect(funnel.get_by_role("row", name="Held").get_by_role("cell").nth(1)).to_have_text(str(held))

    header, rows = download_outcomes(page, forum_id, test_output_dir / "evaluator-outcomes.xlsx")
    assert {"forum_id", "meeting_id", "meeting_status", "slot_start_utc"} <= set(header), header
    assert len(rows) == len(statuses) and {r[header.index("forum_id")] for r in rows} == {forum_id}
    assert sum(r[header.index("meeting_status")] == "held" for r in rows) == held
    page.reload()
    logged = page.locator("table.striped tbody tr").first
    expect(logged).to_contain_text("evaluator@example.com")
    expect(logged).to_contain_text("XLSX")
    expect(logged.locator("td").last).to_have_text(str(len(rows)))
    screenshot(page, test_output_dir, "evaluator", "desktop")
