"""Issue 6 on a 390 px phone: the agenda and the counterpart's profile open offline once seen online,
and only for the person they belong to; nothing is left for the next person on the same phone."""
import time
from datetime import date

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user
from app.forums import meeting_requests, organize, planner, registration
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.registration import RegistrationIn
from app.forums.schemas import ForumIn, SessionIn
from test_investors import make_investor
from test_smes import make_sme

OFFLINE_TEXT = "You are offline; your agenda is available once you have opened it online."

PAGE_CACHES = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith("pages-")) continue;
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
  }
  return found;
}"""
CACHE_NAMES = "async () => (await caches.keys()).filter((name) => name.startsWith('pages-')).sort()"


def wait_for(check, what: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; last value {value!r}")
        time.sleep(0.1)


def log_in(page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash-success")).to_contain_text("Welcome")


def no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def scheduled_meeting(engine) -> dict:
    """An SME and an investor, both registered, with one accepted and scheduled meeting."""
    with Session(engine) as session:
        organizer = create_user(session=session, email="org@pwa-forum.example", password="organizer pass",
                                role=Role.organizer)
        sme_user = create_user(session=session, email="dara@pwa-rice.example", password="sme password!",
                               role=Role.sme, full_name="Dara Keo")
        investor_user = create_user(session=session, email="mei@pwa-fund.example", password="investor pass",
                                    role=Role.investor, full_name="Mei Lin")
        session.commit()
        sme = make_sme(session, sme_user, name="Tonle Sap Rice Mill")
        investor = make_investor(session, investor_user, name="Lancang Green Capital")
        forum = organize.save_forum(session=session, actor=organizer, data=ForumIn(
            title="9th Lancang-Mekong Business Forum", city="Phnom Penh", country_code="KH", venue="Koh Pich",
            starts_on=date(2027, 9, 6), ends_on=date(2027, 9, 7), timezone="Asia/Phnom_Penh"))
        organize.save_session(session=session, actor=organizer, forum_id=forum.id, data=SessionIn(
            name="Day 1 morning", day=date(2027, 9, 6), start_time="09:00", end_time="11:00",
            meeting_minutes=25, break_minutes=5, tables=3))
        registration.register(session=session, actor=sme_user, forum_id=forum.id, data=RegistrationIn())
        investor_reg = registration.register(session=session, actor=investor_user, forum_id=forum.id,
                                             data=RegistrationIn())
        asked = meeting_requests.ask(session=session, actor=sme_user, forum_id=forum.id,
                                     data=MeetingRequestIn(recipient_id=investor_reg.id, message="Rice for Yunnan"))
        meeting_requests.respond(session=session, actor=investor_user, request_id=asked.id, accept=True)
        report = planner.schedule_forum(session=session, actor=organizer, forum_id=forum.id)
        session.commit()
        assert report.scheduled == 1, report
        return {"forum": forum.id, "sme_user": str(sme_user.id), "investor_user": str(investor_user.id),
                "sme": f"/smes/{sme.id}", "investor": f"/investors/{investor.id}"}


def test_agenda_and_counterpart_open_offline_only_for_their_owner(phone, browser, live_server, live_engine,
                                                                  test_output_dir):
    data = scheduled_meeting(live_engine)
    agenda = f"/forums/{data['forum']}/agenda"
    page = phone

    log_in(page, "dara@pwa-rice.example", "sme password!")
    page.goto(agenda)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the worker, which keeps it
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")
    expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
    no_horizontal_scroll(page)
    page.get_by_role("link", name="Lancang Green Capital").click()
    expect(page.get_by_role("heading", name="Lancang Green Capital")).to_be_visible()
    no_horizontal_scroll(page)
    # Only this person's cache, holding the agenda and the counterpart linked from it.
    kept = wait_for(lambda: (lambda c: c if c.get(f"pages-{data['sme_user']}") == sorted([agenda, data["investor"]])
                             else None)(page.evaluate(PAGE_CACHES)), "the agenda and profile to be kept")
    assert list(kept) == [f"pages-{data['sme_user']}"]

    page.context.set_offline(True)
    page.goto(agenda)
    expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
    expect(page.locator(".agenda-table")).to_contain_text("Lancang Green Capital")
    expect(page.locator(".agenda-table")).to_contain_text("Table")
    no_horizontal_scroll(page)
    page.screenshot(path=test_output_dir / "pwa-agenda-offline.png", full_page=True)
    page.get_by_role("link", name="Lancang Green Capital").click()
    expect(page.get_by_role("heading", name="Lancang Green Capital")).to_be_visible()
    page.goto(f"/forums/{data['forum']}/requests")  # never opened: not kept
    expect(page.locator("body")).to_contain_text(OFFLINE_TEXT)
    no_horizontal_scroll(page)
    page.goto(data["sme"])  # a profile that is not on the agenda: not kept either
    expect(page.locator("body")).to_contain_text(OFFLINE_TEXT)

    # Someone else logs in on the same phone (without logging the first person out): the first
    # person's pages are dropped, and the same agenda address now gives the new person's agenda.
    page.context.set_offline(False)
    log_in(page, "mei@pwa-fund.example", "investor pass")
    wait_for(lambda: page.evaluate(CACHE_NAMES) == [], "the previous person's pages to be dropped")
    page.goto(agenda)
    expect(page.locator(".agenda-table")).to_contain_text("Tonle Sap Rice Mill")
    wait_for(lambda: page.evaluate(PAGE_CACHES) == {f"pages-{data['investor_user']}": sorted([agenda, data["sme"]])},
             "the new person's agenda and counterpart to be kept")
    page.context.set_offline(True)
    page.goto(agenda)
    expect(page.locator(".agenda-table")).to_contain_text("Tonle Sap Rice Mill")
    assert page.locator("body").get_attribute("data-user") == data["investor_user"]
    page.goto(data["investor"])  # the first person's counterpart page is gone with the first person
    expect(page.locator("body")).to_contain_text(OFFLINE_TEXT)

    # Logging out drops everything personal: offline, the agenda address only shows the offline page.
    page.context.set_offline(False)
    page.goto("/")
    page.locator(".site-header details.dropdown summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.locator(".flash-info")).to_contain_text("You are logged out.")
    wait_for(lambda: page.evaluate(CACHE_NAMES) == [], "every kept page to be dropped at logout")
    page.context.set_offline(True)
    page.goto(agenda)
    expect(page.locator("body")).to_contain_text(OFFLINE_TEXT)
    assert page.locator(".agenda-table").count() == 0
    page.context.set_offline(False)

    # A fresh browser (nobody logged in) has a worker too, but no one's pages.
    other = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        stranger = other.new_page()
        stranger.goto("/forums")
        stranger.evaluate("navigator.serviceWorker.ready.then(() => true)")
        stranger.reload()
        assert stranger.evaluate(CACHE_NAMES) == []
        other.set_offline(True)
        stranger.goto(agenda)
        expect(stranger.locator("body")).to_contain_text(OFFLINE_TEXT)
    finally:
        other.close()
