"""A small world for the authorization matrix: two sides, A and B, each with an SME and an investor who
met at a forum, plus the staff roles. Every private text of side A carries the marker MARK_A, of
side B MARK_B, so a test can prove that nobody of side B ever reads side A's private fields.

Built through the services and the API, as the people themselves would build it.
"""
from dataclasses import dataclass, field

from sqlmodel import select

from app.auth.models import Role, User
from app.forums.models import ForumTable, Meeting, Slot
from helpers import PASSWORD, api_token, csrf_from, web_login
from test_feedback import ANSWER, PAST
from test_forums_api import FORUM, MORNING
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme
from test_surveys import CUSTOMS

MARK_A, MARK_B = "secret-a-7391", "secret-b-2846"
ROLES = ("anonymous", "sme", "investor", "organizer", "evaluator", "admin")
RECOMMENDATION = {"topic": "infrastructure", "country_code": "LA", "zone_code": "LA-SAVAN-SENO", "sector_code": "10"}


@dataclass
class Side:
    """One side's people and objects; `mark` is in every private text they wrote."""
    mark: str
    sme_user: User | None = None
    investor_user: User | None = None
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)  # bearer headers of its SME and investor


@dataclass
class World:
    forum_id: int
    open_forum_id: int          # a future forum nobody registered for: registering there succeeds
    open_session_id: int        # a session without meetings: editing or deleting it succeeds
    sides: dict[str, Side]
    users: dict[str, User]      # the acting user of each role (side B for SMEs and investors)
    tokens: dict[str, dict]     # bearer headers per role ({} for anonymous)
    cookies: dict[str, dict]    # web session cookies per role
    csrf: dict[str, str]
    free_cell: tuple[int, int]  # a (slot, table) where both of side A's participants are free
    slots: dict[int, list[int]]  # slot ids per forum


def _call(client, method: str, url: str, auth: dict, **kwargs) -> dict:
    answer = client.request(method, url, headers=auth, **kwargs)
    assert answer.status_code < 300, f"world setup: {method} {url} -> {answer.status_code} {answer.text[:300]}"
    return answer.json() if answer.content else {}


def _side(session, make_user, name: str, mark: str) -> Side:
    side = Side(mark=mark, sme_user=make_user(Role.sme), investor_user=make_user(Role.investor))
    contact = {"contact_email": f"{mark}@mail.example", "contact_phone": f"+856 {mark[-4:]} {mark[-4:]}",
               "contact_name": f"Contact {mark}"}
    sme = make_sme(session, side.sme_user, name=f"Company {name}", size_band="small", **contact)
    investor = make_investor(session, side.investor_user, name=f"Fund {name}", **contact)
    request = make_request(session, side.investor_user, title=f"Rice deal {name}", sectors=["rice"], countries=["VN"],
                           corridors=["SEC"], zones=[], company_sizes=["small"], description=f"Request {name}")
    side.ids.update(sme=sme.id, investor=investor.id, request=request.id)
    return side


def _forum(client, organizer: dict, data: dict, day: str) -> tuple[int, int]:
    forum = _call(client, "POST", "/api/v1/forums", organizer, json=data)
    made = _call(client, "POST", f"/api/v1/forums/{forum['id']}/sessions", organizer, json={**MORNING, "day": day})
    return forum["id"], made["id"]


def _meet(client, fid: int, side: Side, helpers: dict) -> None:
    """Side's registrations, its meeting requests in every state, a meeting, feedback, surveys."""
    sme, inv = api_token(client, side.sme_user.email), api_token(client, side.investor_user.email)
    ids, mark = side.ids, side.mark
    ids["reg_sme"] = _call(client, "POST", f"/api/v1/forums/{fid}/registrations", sme, json={})["id"]
    ids["reg_investor"] = _call(client, "POST", f"/api/v1/forums/{fid}/registrations", inv, json={})["id"]
    ask = lambda auth, to: _call(client, "POST", f"/api/v1/forums/{fid}/meeting-requests", auth,  # noqa: E731
                                 json={"recipient_id": to, "message": f"Private note {mark}"})["id"]
    ids["mr_met"] = ask(sme, ids["reg_investor"])  # the SME asked; accepted below; becomes the meeting
    _call(client, "POST", f"/api/v1/meeting-requests/{ids['mr_met']}/response", inv, json={"accept": True})
    ids["mr_to_sme"] = ask(helpers["investor"], ids["reg_sme"])
    ids["mr_to_investor"] = ask(helpers["sme1"], ids["reg_investor"])
    ids["mr_from_investor"] = ask(inv, helpers["reg_sme2"])
    _call(client, "PUT", f"/api/v1/forums/{fid}/constraints", sme,
          json={"constraints": [{**CUSTOMS, "comment": f"Border {mark}"}]})
    _call(client, "POST", f"/api/v1/forums/{fid}/recommendations", inv,
          json={**RECOMMENDATION, "recommendation": f"Power {mark}"})
    side.tokens.update(sme=sme, investor=inv)


def build_world(client, session, make_user) -> World:
    users = {role: make_user(Role(role)) for role in ("organizer", "evaluator", "admin")}
    make_user(Role.admin)  # so that the acting admin, not being the last one, may close its own account
    staff = {role: api_token(client, user.email) for role, user in users.items()}
    sides = {"A": _side(session, make_user, "A", MARK_A), "B": _side(session, make_user, "B", MARK_B)}
    forum_id, _ = _forum(client, staff["organizer"], PAST, PAST["starts_on"])
    open_forum_id, open_session_id = _forum(client, staff["organizer"], FORUM, FORUM["starts_on"])
    helpers = {}
    for key, role in (("sme1", Role.sme), ("sme2", Role.sme), ("investor", Role.investor)):
        user = make_user(role)
        (make_sme if role == Role.sme else make_investor)(session, user, name=f"Helper {key}")
        helpers[key] = api_token(client, user.email)
        helpers[f"reg_{key}"] = _call(client, "POST", f"/api/v1/forums/{forum_id}/registrations", helpers[key], json={})["id"]
    for side in sides.values():
        _meet(client, forum_id, side, helpers)
    _call(client, "POST", f"/api/v1/forums/{forum_id}/schedule", staff["organizer"])
    for side in sides.values():
        ids, mark = side.ids, side.mark
        ids["meeting"] = session.exec(select(Meeting.id).where(Meeting.request_id == ids["mr_met"])).one()
        for who in ("sme", "investor"):
            _call(client, "PUT", f"/api/v1/meetings/{ids['meeting']}/feedback", side.tokens[who],
                  json={**ANSWER, "comment": f"Feedback {who} {mark}"})
        # Mutual interest: each side's SME and investor see each other's contact details (and only those).
        _call(client, "PUT", f"/api/v1/smes/{ids['sme']}/matches/{ids['request']}/interest", side.tokens["sme"],
              json={"interested": True})
        _call(client, "PUT", f"/api/v1/requests/{ids['request']}/matches/{ids['sme']}/interest",
              side.tokens["investor"], json={"interested": True})
    _call(client, "POST", f"/api/v1/forums/{forum_id}/follow-ups", staff["evaluator"], json={"wave": 3})
    for side in sides.values():
        for who in ("sme", "investor"):
            follow_up = _call(client, "GET", f"/api/v1/forums/{forum_id}/follow-ups", side.tokens[who])["items"][0]
            side.ids[f"follow_up_{who}"] = follow_up["id"]
            _call(client, "PUT", f"/api/v1/follow-ups/{follow_up['id']}", side.tokens[who],
                  json={"collaboration_started": True, "comment": f"Follow-up {who} {side.mark}"})
    users |= {"sme": sides["B"].sme_user, "investor": sides["B"].investor_user}
    tokens = {"anonymous": {}, **staff, **sides["B"].tokens}
    cookies, csrf = {}, {}
    for role in ROLES:
        client.cookies.clear()
        if role != "anonymous":
            assert web_login(client, users[role].email, PASSWORD).status_code == 303
        csrf[role] = csrf_from(client.get("/login").text)
        cookies[role] = dict(client.cookies)
    client.cookies.clear()
    return World(forum_id=forum_id, open_forum_id=open_forum_id, open_session_id=open_session_id, sides=sides,
                 users=users, tokens=tokens, cookies=cookies, csrf=csrf, free_cell=_free_cell(session, sides["A"]),
                 slots={fid: list(session.exec(select(Slot.id).where(Slot.forum_id == fid)))
                        for fid in (forum_id, open_forum_id)})


def _free_cell(session, side: Side) -> tuple[int, int]:
    meeting = session.get(Meeting, side.ids["meeting"])
    busy = set(session.exec(select(Meeting.slot_id).where(Meeting.forum_id == meeting.forum_id)))
    slot = next(s for s in session.exec(select(Slot).where(Slot.forum_id == meeting.forum_id).order_by(Slot.id))
                if s.id not in busy)
    table = session.exec(select(ForumTable).where(ForumTable.session_id == slot.session_id).order_by(ForumTable.id)).first()
    return slot.id, table.id
