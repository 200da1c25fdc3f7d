"""Issue 6's journey in a real browser: an organizer schedules a small forum with one click and moves a
meeting; a participant sees the agenda and can download it."""
from datetime import date, time

from playwright.sync_api import expect
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import create_user
from app.forums import meeting_requests, organize, registration
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.registration import RegistrationIn
from app.forums.schemas import ForumIn, SessionIn
from test_investor_requests import log_in
from test_investors import make_investor
from test_smes import make_sme

PASSWORD = "forum password"


def small_forum(engine, day: date = date(2027, 9, 1), tag: str = "") -> int:
    """Three companies whose meeting requests to one fund are accepted, waiting for Schedule all; `tag`
    keeps the accounts of a second forum apart (host{tag}@lmbf.example, owner{tag}{n}@laos.example)."""
    with Session(engine) as session:
        organizer = create_user(session=session, email=f"host{tag}@lmbf.example", password=PASSWORD,
                                role=Role.organizer)
        fund = create_user(session=session, email=f"ivy{tag}@fund.example", password=PASSWORD, role=Role.investor)
        session.commit()
        make_investor(session, fund, name="Golden Triangle Fund")
        forum = organize.save_forum(session=session, actor=organizer, data=ForumIn(
            title=f"Browser forum {tag}".strip(), city="Vientiane", country_code="LA", venue="Lao ITECC",
            starts_on=day, ends_on=day, timezone="Asia/Vientiane"))
        organize.save_session(session=session, actor=organizer, forum_id=forum.id, data=SessionIn(
            name="Morning", day=day, start_time=time(9), end_time=time(11), tables=3))
        fund_reg = registration.register(session=session, actor=fund, forum_id=forum.id, data=RegistrationIn())
        for n, name in enumerate(["Luang Prabang Silk", "Pakse Coffee", "Savan Logistics"]):
            owner = create_user(session=session, email=f"owner{tag}{n}@laos.example", password=PASSWORD, role=Role.sme)
            session.commit()
            make_sme(session, owner, name=name)
            registration.register(session=session, actor=owner, forum_id=forum.id, data=RegistrationIn())
            asked = meeting_requests.ask(session=session, actor=owner, forum_id=forum.id,
                                         data=MeetingRequestIn(recipient_id=fund_reg.id))
            meeting_requests.respond(session=session, actor=fund, request_id=asked.id, accept=True)
        session.commit()
        return forum.id


def test_organizer_schedules_and_a_participant_reads_the_agenda(page, phone, live_engine, test_output_dir):
    forum_id = small_forum(live_engine)
    log_in(page, "host@lmbf.example", PASSWORD)
    page.goto(f"/forums/{forum_id}/board")
    expect(page.locator("hgroup p")).to_contain_text("3 accepted requests waiting")
    page.get_by_role("button", name="Schedule all").click()
    expect(page.locator("#schedule-report")).to_contain_text("Scheduled 3 of 3")
    page.get_by_role("link", name="Reload the board").click()
    expect(page.locator("a.cell")).to_have_count(3)
    page.screenshot(path=test_output_dir / "forum-board.png", full_page=True)
    page.locator("a.cell").first.click()
    page.get_by_role("button", name="Lock in place").click()
    expect(page.locator(".flash-success")).to_contain_text("locked")

    log_in(phone, "owner1@laos.example", PASSWORD)
    phone.goto(f"/forums/{forum_id}/agenda")
    row = phone.locator(".agenda-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Golden Triangle Fund")
    expect(row).to_contain_text("Table")
    with phone.expect_download() as download:
        phone.get_by_role("button", name="Add to my calendar (.ics)").click()
    assert b"BEGIN:VEVENT" in download.value.path().read_bytes()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=test_output_dir / "forum-agenda-phone.png", full_page=True)
