"""The concrete request behind each (route, role, own/foreign) of the authorization table: the URL with
real ids from the world, and a valid body, so that an allowed call succeeds and a refused one is
refused for who is asking, not for what was sent."""
import itertools
import re
from dataclasses import dataclass

from authorization_world import RECOMMENDATION, Side, World
from helpers import PASSWORD
from test_feedback import ANSWER
from test_forums_api import FORUM, MORNING
from test_investors import VALID as INVESTOR
from test_requests import VALID as REQUEST
from test_smes import VALID as SME
from test_surveys import CUSTOMS

# Path parameters naming something a user owns: with them a route is "id-bearing" (own vs foreign).
OWNED = ("{sme_id}", "{investor_id}", "{request_id}", "{registration_id}", "{meeting_id}", "{follow_up_id}",
         "{user_id}")
# Pages that pick someone's registration with ?id= (none: the caller's own).
QUERY_OWNED = {"/forums/{forum_id}/registration", "/forums/{forum_id}/agenda"}
# Routes that change a forum's set-up run on the open forum, whose session holds no meetings.
ON_OPEN_FORUM = re.compile(r"/sessions|/edit$|/register$|^/api/v1/forums/\{forum_id\}$")
WEIGHTS = {"sector": 0.5, "corridor": 0.2, "deal": 0.25, "text": 0.05}
ZONE = {"incentives": "Tax holiday.", "contact_name": "Desk", "contact_email": "desk@zone.example",
        "contact_phone": "+856 21 000 000", "website": "https://zone.example", "focus_sectors": ["10"]}
NEW_PASSWORD = "another long passphrase"
_emails = itertools.count(1)


def id_bearing(path: str) -> bool:
    return any(p in path for p in OWNED) or path in QUERY_OWNED


@dataclass
class Call:
    method: str
    url: str
    json: object = None
    form: dict | None = None
    headers: dict | None = None


def _meeting_request(path: str, role: str, side: Side) -> int:
    """An answerable request for answer routes (sent to the caller), a withdrawable one for withdraw routes."""
    if path.endswith(("/response", "/answer")):
        return side.ids["mr_to_investor" if role == "investor" else "mr_to_sme"]
    return side.ids["mr_from_investor" if role == "investor" else "mr_met"]


def _params(world: World, method: str, path: str, role: str, side: Side) -> dict:
    investor = role == "investor"
    is_mr = "meeting-requests" in path or "/forums/{forum_id}/requests/" in path
    user = side.investor_user if investor else side.sme_user
    return {
        "forum_id": world.open_forum_id if ON_OPEN_FORUM.search(path) or (
            method == "POST" and path == "/api/v1/forums/{forum_id}/registrations") else world.forum_id,
        "session_id": world.open_session_id,
        "sme_id": side.ids["sme"], "investor_id": side.ids["investor"],
        "request_id": _meeting_request(path, role, side) if is_mr else side.ids["request"],
        "registration_id": side.ids["reg_investor" if investor else "reg_sme"],
        "meeting_id": side.ids["meeting"],
        "follow_up_id": side.ids["follow_up_investor" if investor else "follow_up_sme"],
        "user_id": user.id, "export": "outcomes", "action": "lock",
        "code": "NSEC" if "corridors" in path else "LA" if "countries" in path else "LA-SAVAN-SENO",
    }


def _form(data: dict) -> dict:
    """A dict as a browser form sends it: text values, lists as repeated fields, booleans as 'true'."""
    return {k: ("true" if v is True else "false" if v is False else v if isinstance(v, list) else str(v))
            for k, v in data.items() if v is not None}


def _body(world: World, method: str, path: str, role: str, side: Side) -> tuple[object, dict | None, dict]:
    """(json body, form body, query) for one call."""
    staff = role in ("organizer", "evaluator", "admin")
    other = world.sides["A"] if side is world.sides["B"] else world.sides["B"]
    # Participants act from side B; side A's counterpart has no meeting request with them yet.
    counterpart = world.sides["A"].ids["reg_sme" if role == "investor" else "reg_investor"]
    target_role = {"sme": "sme", "investor": "investor"}.get(role, "sme")
    email = f"new{next(_emails)}@authz.example"
    api = {
        "/api/v1/auth/register": {"email": email, "full_name": "New", "password": PASSWORD, "role": "sme"},
        "/api/v1/auth/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        "/api/v1/users/{user_id}/role": {"role": target_role},
        "/api/v1/smes": {**SME, "published": True}, "/api/v1/smes/{sme_id}": {**SME, "published": True},
        "/api/v1/investors": INVESTOR, "/api/v1/investors/{investor_id}": INVESTOR,
        "/api/v1/requests": REQUEST, "/api/v1/requests/{request_id}": REQUEST,
        "/api/v1/requests/{request_id}/matches/{sme_id}/mark": {"mark": "shortlisted"},
        "/api/v1/requests/{request_id}/matches/{sme_id}/interest": {"interested": True},
        "/api/v1/smes/{sme_id}/matches/{request_id}/interest": {"interested": True},
        "/api/v1/forums/{forum_id}/match-weights": WEIGHTS, "/api/v1/zones/{code}": ZONE,
        "/api/v1/forums": FORUM, "/api/v1/forums/{forum_id}": FORUM,
        "/api/v1/forums/{forum_id}/sessions": MORNING, "/api/v1/forums/{forum_id}/sessions/{session_id}": MORNING,
        "/api/v1/forums/{forum_id}/registrations": {}, "/api/v1/registrations/{registration_id}": {},
        "/api/v1/forums/{forum_id}/registrations/{registration_id}/check-in": {"present": True},
        "/api/v1/forums/{forum_id}/meeting-requests": {"recipient_id": counterpart},
        "/api/v1/forums/{forum_id}/arranged-meetings": {"party_a_id": side.ids["reg_sme"],
                                                        "party_b_id": other.ids["reg_investor"]},
        "/api/v1/meeting-requests/{request_id}/response": {"accept": True},
        "/api/v1/forums/{forum_id}/schedule": {"replan": False},
        "/api/v1/forums/{forum_id}/meetings/{meeting_id}/move": dict(zip(("slot_id", "table_id"), world.free_cell)),
        "/api/v1/forums/{forum_id}/meetings/{meeting_id}/swap": {"other_id": other.ids["meeting"]},
        "/api/v1/forums/{forum_id}/meetings/{meeting_id}/lock": {"locked": True},
        "/api/v1/forums/{forum_id}/meetings/{meeting_id}/outcome": {"status": "held"},
        "/api/v1/meetings/{meeting_id}/feedback": {**ANSWER, "registration_id": side.ids["reg_sme"] if staff else None},
        "/api/v1/forums/{forum_id}/follow-ups": {"wave": 3}, "/api/v1/forums/{forum_id}/follow-ups/reminders": {"wave": 3},
        "/api/v1/follow-ups/{follow_up_id}": {"collaboration_started": True, "comment": "Going well."},
        "/api/v1/forums/{forum_id}/constraints": {"constraints": [CUSTOMS],
                                                  "registration_id": side.ids["reg_sme"] if staff else None},
        "/api/v1/forums/{forum_id}/recommendations": {**RECOMMENDATION, "recommendation": "Roads.",
                                                      "registration_id": side.ids["reg_investor"] if staff else None},
    }
    arranging = {"party_a_id": side.ids["reg_sme"], "recipient_id": other.ids["reg_investor"]}
    web = {
        "/login": {"email": world.users.get(role, world.users["sme"]).email, "password": PASSWORD},
        "/register": {"email": email, "full_name": "New", "password": PASSWORD, "role": "sme"},
        "/account/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        "/account/delete": {"current_password": PASSWORD},
        "/language": {"locale": "th", "next": "/"},
        "/admin/users/{user_id}/role": {"role": target_role},
        "/me/profile/edit": SME, "/smes/validate": SME, "/smes/{sme_id}/edit": {**SME, "published": True},
        "/me/organization": INVESTOR, "/requests/new": REQUEST, "/requests/{request_id}/edit": REQUEST,
        "/requests/{request_id}/matches/{sme_id}/mark": {"mark": "shortlisted"},
        "/requests/{request_id}/matches/{sme_id}/interest": {"interested": True},
        "/smes/{sme_id}/matches/{request_id}/interest": {"interested": True},
        "/forums/{forum_id}/match-weights": WEIGHTS, "/zones/{code}/edit": ZONE,
        "/forums/new": FORUM, "/forums/{forum_id}/edit": FORUM,
        "/forums/{forum_id}/sessions": MORNING, "/forums/{forum_id}/sessions/{session_id}/edit": MORNING,
        "/forums/{forum_id}/register": {"slot_ids": world.slots[world.open_forum_id]},
        "/forums/{forum_id}/registration": {"slot_ids": world.slots[world.forum_id]},
        "/forums/{forum_id}/requests": arranging if role in ("organizer", "admin") else {"recipient_id": counterpart},
        "/forums/{forum_id}/requests/{request_id}/answer": {"accept": True},
        "/forums/{forum_id}/registrations/{registration_id}/check-in": {"present": True},
        "/forums/{forum_id}/meetings/{meeting_id}/feedback": ANSWER,
        "/forums/{forum_id}/follow-ups": {"wave": 3, "action": "launch"},
        "/forums/{forum_id}/follow-ups/{follow_up_id}": {"collaboration_started": "yes", "comment": "Going well."},
        "/forums/{forum_id}/survey/constraints": {"severity-customs-procedures": 4},
        "/forums/{forum_id}/survey/recommendations": {**RECOMMENDATION, "recommendation": "Roads."},
    }
    query = {"/reference/provinces": {"country_code": "LA"}}.get(path, {})
    if path == "/forums/{forum_id}/meetings/{meeting_id}/feedback" and staff and method == "POST":
        query = {"for": side.ids["reg_sme"]}
    if method in ("GET", "DELETE"):
        return None, None, query
    if path.startswith("/api/"):
        if path == "/api/v1/auth/token":
            return None, {"username": world.users.get(role, world.users["sme"]).email, "password": PASSWORD}, query
        return api.get(path), None, query
    return None, _form(web.get(path, {})), query


def call_for(world: World, method: str, path: str, role: str, own: bool) -> Call:
    """The request that `role` (side B's SME or investor; any staff) makes for `path` on its own
    object (side B) or on a foreign one (side A)."""
    side = world.sides["B" if own else "A"]
    json, form, query = _body(world, method, path, role, side)
    url = path.format(**_params(world, method, path, role, side))
    if path in QUERY_OWNED and not own:
        query = {**query, "id": side.ids["reg_investor" if role == "investor" else "reg_sme"]}
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    headers = {"HX-Trigger-Name": "name"} if path == "/smes/validate" else None
    return Call(method, url, json=json, form=form, headers=headers)
