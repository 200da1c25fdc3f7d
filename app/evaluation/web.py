"""Feedback after a meeting (from the agenda) and the 3- and 6-month follow-ups (participants answer,
evaluators launch and remind)."""
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import SessionDep, WebUser
from app.errors import NotFound
from app.evaluation import feedback, follow_ups
from app.evaluation.models import MeetingOutcome
from app.evaluation.schemas import FeedbackIn, FollowUpIn, NextStep, WaveIn
from app.forums.models import Meeting
from app.forums.registration import forum_or_404
from app.forums.service import meeting_outs
from app.i18n.translate import N_, ngettext
from app.web.flash import flash
from app.web.forms import form_dict, submit
from app.web.templating import render

router = APIRouter()
# English (N_), translated where shown.
OUTCOMES = {MeetingOutcome.not_held: N_("It did not take place"),
            MeetingOutcome.insufficient_interest: N_("Insufficient interest"),
            MeetingOutcome.informative: N_("Informative, no cooperation"),
            MeetingOutcome.cooperation_possible: N_("Cooperation possible")}
STEPS = {NextStep.follow_up_meeting: N_("A follow-up meeting"), NextStep.site_visit: N_("A site visit to a zone"),
         NextStep.proposal: N_("A proposal"), NextStep.none: N_("None")}


def _page(request: Request, session, user, forum_id: int, meeting_id: int, *, form: dict, errors: dict,
          registration_id: int | None, status_code: int = 200) -> Response:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.forum_id != forum_id:
        raise NotFound("No meeting has this number.")
    rows = feedback.read(session=session, actor=user, meeting_id=meeting_id)  # also checks who may see it
    return render(request, "evaluation/feedback_form.html", {
        "forum_id": forum_id, "m": meeting_outs(session=session, meetings=[meeting])[0], "form": form,
        "errors": errors, "outcomes": OUTCOMES, "steps": STEPS, "registration_id": registration_id,
        "open": feedback.happened(session, meeting), "answers": [feedback.to_out(r) for r in rows]},
        status_code=status_code)


@router.get("/forums/{forum_id}/meetings/{meeting_id}/feedback")
def feedback_page(request: Request, forum_id: int, meeting_id: int, session: SessionDep, user: WebUser,
                  registration_id: Annotated[int | None, Query(alias="for")] = None):
    answers = feedback.read(session=session, actor=user, meeting_id=meeting_id)
    mine = next((a for a in answers if registration_id is None or a.registration_id == registration_id), None)
    form = ({"outcome": mine.outcome, "interest": mine.interest, "next_steps": mine.next_steps, "comment": mine.comment}
            if mine and (registration_id is not None or len(answers) == 1) else {})
    return _page(request, session, user, forum_id, meeting_id, form=form, errors={}, registration_id=registration_id)


@router.post("/forums/{forum_id}/meetings/{meeting_id}/feedback")
async def give(request: Request, forum_id: int, meeting_id: int, session: SessionDep, user: WebUser,
               registration_id: Annotated[int | None, Query(alias="for")] = None) -> Response:
    data = form_dict(await request.form(), lists=("next_steps",))
    data["registration_id"] = registration_id
    _, errors = submit(FeedbackIn, data, lambda parsed: feedback.give(session=session, actor=user,
                                                                      meeting_id=meeting_id, data=parsed))
    if errors:
        return _page(request, session, user, forum_id, meeting_id, form=data, errors=errors,
                     registration_id=registration_id, status_code=422)
    flash(request, "Thank you: your feedback is saved. You can change it for 30 days.")
    return RedirectResponse(f"/forums/{forum_id}/agenda" if registration_id is None else
                            f"/forums/{forum_id}/meetings/{meeting_id}", status_code=303)


def _follow_ups_page(request: Request, session, user, forum_id: int, *, errors: dict | None = None,
                     failed: int | None = None, status_code: int = 200) -> Response:
    forum = forum_or_404(session, forum_id)
    staff = user.role in follow_ups.READERS
    return render(request, "evaluation/follow_ups.html", {
        "forum": forum, "rows": follow_ups.listed(session=session, actor=user, forum_id=forum_id), "staff": staff,
        "can_launch": user.role in follow_ups.LAUNCHERS, "errors": errors or {}, "failed": failed,
        "waves": follow_ups.status(session=session, actor=user, forum_id=forum_id) if staff else []},
        status_code=status_code)


@router.get("/forums/{forum_id}/follow-ups")
def follow_ups_page(request: Request, forum_id: int, session: SessionDep, user: WebUser):
    return _follow_ups_page(request, session, user, forum_id)


@router.post("/forums/{forum_id}/follow-ups/{follow_up_id}")
async def answer_follow_up(request: Request, forum_id: int, follow_up_id: int, session: SessionDep,
                           user: WebUser) -> Response:
    data = form_dict(await request.form())
    for flag in ("collaboration_started", "joint_investment", "contract_signed"):
        data[flag] = data.get(flag) == "yes" if data.get(flag) in ("yes", "no") else data.get(flag)
    _, errors = submit(FollowUpIn, data, lambda parsed: follow_ups.answer(
        session=session, actor=user, follow_up_id=follow_up_id, data=parsed))
    if errors:
        return _follow_ups_page(request, session, user, forum_id, errors=errors, failed=follow_up_id, status_code=422)
    flash(request, "Thank you: your answer is saved.")
    return RedirectResponse(f"/forums/{forum_id}/follow-ups", status_code=303)


@router.post("/forums/{forum_id}/follow-ups")
def launch_or_remind(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                     wave: Annotated[int, Form()], action: Annotated[str, Form()] = "launch") -> Response:
    act = follow_ups.remind if action == "remind" else follow_ups.launch
    done = act(session=session, actor=user, forum_id=forum_id, wave=WaveIn(wave=wave).wave)
    if action != "remind":
        message = ngettext("{wave}-month follow-up: {n} new question sent.",
                           "{wave}-month follow-up: {n} new questions sent.", done.created)
    else:
        message = ngettext("{wave}-month follow-up: {n} reminder sent.",
                           "{wave}-month follow-up: {n} reminders sent.", done.reminded)
    flash(request, message.format(wave=done.wave, n=done.created if action != "remind" else done.reminded))
    return RedirectResponse(f"/forums/{forum_id}/follow-ups", status_code=303)
