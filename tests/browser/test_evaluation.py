"""Issue 7 in a real browser: an evaluator reads a past forum's dashboard and downloads its outcomes
as a spreadsheet, which opens with one row per meeting and the participants' answers in it."""
from datetime import date

from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import Session, select

from app.auth.models import Role, User
from app.auth.service import create_user
from app.evaluation import feedback
from app.evaluation.schemas import FeedbackIn
from app.forums import board, planner
from app.forums.models import Meeting, MeetingStatus
from test_forums import PASSWORD, small_forum
from test_investor_requests import log_in


def hold_meetings(session: Session, organizer: User, forum_id: int, limit: int | None = None) -> int:
    """The organizer runs Schedule all, then marks the forum's meetings (the first `limit`) held; how many."""
    planner.schedule_forum(session=session, actor=organizer, forum_id=forum_id)
    meetings = session.exec(select(Meeting).where(Meeting.forum_id == forum_id,
                                                  Meeting.status == MeetingStatus.scheduled)
                            .order_by(Meeting.id).limit(limit)).all()
    for meeting in meetings:
        board.set_outcome(session=session, actor=organizer, forum_id=forum_id, meeting_id=meeting.id,
                          status=MeetingStatus.held)
    return len(meetings)


def read_dashboard(page, forum_id: int):
    """From the menu, the evaluation dashboard of one forum; its funnel table."""
    page.get_by_role("link", name="Evaluation").first.click()
    page.get_by_label("Forum").select_option(str(forum_id))
    page.get_by_role("button", name="Show").click()
    expect(page.locator("svg.bars").first).to_be_visible()
    return page.locator("#funnel")


def download_outcomes(page, forum_id: int, saved) -> tuple[list, list[list]]:
    """From the menu, the forum's match outcomes as XLSX, saved to `saved`: its header row and rows."""
    page.get_by_role("link", name="Exports").first.click()
    page.get_by_label("Forum").select_option(str(forum_id))
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Match outcomes as XLSX").click()
    downloading.value.save_as(saved)
    sheet = load_workbook(saved, read_only=True).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return header, rows


def held_forum(engine) -> int:
    """A forum of last January whose three meetings were held; one company says cooperation is possible."""
    forum_id = small_forum(engine, day=date(2026, 1, 14), tag="past")
    with Session(engine) as session:
        host = session.exec(select(User).where(User.email == "hostpast@lmbf.example")).one()
        hold_meetings(session, host, forum_id)
        session.commit()
        owner = session.exec(select(User).where(User.email == "ownerpast0@laos.example")).one()
        first = session.exec(select(Meeting).where(Meeting.forum_id == forum_id).order_by(Meeting.id)).first()
        feedback.give(session=session, actor=owner, meeting_id=first.id, data=FeedbackIn(
            outcome="cooperation_possible", interest=5, comment="=HYPERLINK(\"http://evil.example\")"))
        create_user(session=session, email="eva@evaluation.example", password=PASSWORD, role=Role.evaluator)
        session.commit()
    return forum_id


def test_evaluator_reads_the_dashboard_and_downloads_the_outcomes(page, live_engine, test_output_dir):
    forum_id = held_forum(live_engine)
    log_in(page, "eva@evaluation.example", PASSWORD)
    funnel = read_dashboard(page, forum_id)
    expect(funnel.get_by_role("row", name="Held")).to_contain_text("3")
    expect(funnel.get_by_role("row", name="Cooperation possible")).to_contain_text("1")
    page.screenshot(path=test_output_dir / "evaluation-dashboard.png", full_page=True)

    header, rows = download_outcomes(page, forum_id, test_output_dir / "outcomes.xlsx")
    assert len(rows) == 3 and {r[header.index("forum_id")] for r in rows} == {forum_id}
    comments = [r[header.index("party_a_feedback_comment")] for r in rows]
    assert "'=HYPERLINK(\"http://evil.example\")" in comments  # shown as text in Excel, never run
    page.reload()
    expect(page.locator("table.striped tbody tr").first).to_contain_text("XLSX")
    page.screenshot(path=test_output_dir / "evaluation-exports.png", full_page=True)
