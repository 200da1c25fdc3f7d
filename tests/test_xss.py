"""Stored XSS: hostile text typed into every user-editable field, through the real API and web forms,
is shown as inert text on every page that displays it.

Each field gets its own marker (zq01, zq02...) followed by a payload that fits the field's length
limit: script tags, event-handler attributes, a `javascript:` link and template syntax. Every page
in SHOWN_ON is parsed; it must hold no active content at all, and each field listed for it must
appear there with its payload as literal text (a template engine evaluating it would print 49).
"""
from bs4 import BeautifulSoup
from sqlmodel import select

from app.auth.models import Role
from app.forums.models import Meeting
from helpers import api_token, csrf_from, page, post_form, web_login

TEMPLATE = "{{7*7}}{%print 7*7%}"
FULL = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">j</a>' + TEMPLATE
MEDIUM = '<script>alert(1)</script><img src=x onerror=alert(1)>{{7*7}}'  # fits 80 characters
SHORT = "<svg onload=alert(1)>{{7*7}}"  # fits 40 characters (table names)


def hostile(marker: str, payload: str = FULL) -> str:
    return marker + payload


# A website must stay a web address, so its payload breaks out of the href attribute instead.
WEBSITE = 'https://evil.example/{}"><script>alert(1)</script><img/src=x/onerror=alert(1)>{{{{7*7}}}}'
EMAIL = "{}<img/src=x/onerror=alert(1)>@evil.example"  # accepted: only the domain is checked
SME_EMAIL = EMAIL.format("zq31")  # the SME's account logs in with a hostile e-mail address

# field → (marker, pages that show it). Page keys are defined in `pages()` below; pages listed there
# but under no field (the zone directory...) are still checked for active content.
SHOWN_ON = {
    "user.full_name (sme)": ("zq01", ["admin_users", "home_sme", "sme_form", "my_matches", "survey"]),
    "user.full_name (investor)": ("zq02", ["admin_users", "home_investor", "investor_form", "corridor"]),
    "user.email": ("zq31", ["admin_users", "outbox"]),
    "sme.name": ("zq03", ["sme_profile", "sme_form", "my_matches", "sme_browse", "sme_search_partial",
                          "sme_profile_for_investor", "request_matches", "request_matches_partial", "zone_companies",
                          "forum_matches", "board", "plans_person", "plans_table", "registrations",
                          "registrations_search_partial", "registration_form", "forum_requests",
                          "forum_requests_partial", "meeting", "feedback_staff", "agenda_sme", "agenda_investor",
                          "sme_agenda_for_staff", "investor_follow_ups", "staff_follow_ups"]),
    "sme.products": ("zq04", ["sme_profile", "sme_form", "sme_browse", "sme_search_partial",
                              "sme_profile_for_investor"]),
    "sme.certifications": ("zq05", ["sme_profile", "sme_form", "sme_profile_for_investor"]),
    "sme.description": ("zq06", ["sme_profile", "sme_form", "sme_profile_for_investor"]),
    "sme.website": ("zq07", ["sme_profile", "sme_form", "sme_profile_for_investor"]),
    "sme.contact_name": ("zq08", ["sme_profile", "sme_form", "sme_profile_for_investor"]),
    "sme.contact_email": ("zq09", ["sme_profile", "sme_form", "sme_profile_for_investor"]),
    "investor.name": ("zq10", ["investor_org", "investor_org_for_sme", "investor_form", "request_page",
                               "request_browse", "request_search_partial", "my_requests", "board", "plans_person",
                               "plans_table", "registrations", "forum_requests", "forum_requests_partial", "meeting",
                               "forum_matches", "feedback_staff", "agenda_sme", "agenda_investor",
                               "sme_agenda_for_staff", "sme_follow_ups", "staff_follow_ups"]),
    "investor.description": ("zq11", ["investor_org", "investor_org_for_sme", "investor_form"]),
    "investor.website": ("zq12", ["investor_org", "investor_org_for_sme", "investor_form"]),
    "investor.contact_name": ("zq13", ["investor_org", "investor_org_for_sme", "investor_form"]),
    "investor.contact_email": ("zq32", ["investor_org", "investor_org_for_sme", "investor_form"]),
    "request.title": ("zq14", ["request_page", "request_browse", "request_search_partial", "my_requests",
                               "my_matches", "request_matches", "investor_org", "investor_org_for_sme",
                               "zone_companies", "forum_matches"]),
    "request.description": ("zq15", ["request_page"]),
    "forum.title": ("zq16", ["forums", "forum", "forum_for_organizer", "sessions", "registration_form", "board",
                             "plans_person", "plans_table", "registrations", "forum_requests", "meeting",
                             "forum_matches", "agenda_sme", "agenda_investor", "sme_agenda_for_staff", "survey",
                             "sme_follow_ups", "investor_follow_ups", "staff_follow_ups", "dashboard", "exports",
                             "outbox"]),
    "forum.city": ("zq17", ["forums", "forum", "forum_for_organizer", "sessions", "registration_form", "board",
                            "plans_person", "plans_table", "agenda_sme", "agenda_investor", "sme_agenda_for_staff"]),
    "forum.venue": ("zq18", ["forums", "forum", "forum_for_organizer", "plans_person", "agenda_sme",
                             "agenda_investor", "sme_agenda_for_staff"]),
    "forum.description": ("zq19", ["forum", "forum_for_organizer"]),
    "session.name": ("zq20", ["forum", "forum_for_organizer", "sessions", "registration_form", "board"]),
    "session.table_prefix (table names)": ("zq21", ["board", "plans_person", "plans_table", "meeting",
                                                    "feedback_staff", "agenda_sme", "agenda_investor",
                                                    "sme_agenda_for_staff"]),
    "meeting_request.message": ("zq22", ["forum_requests", "forum_requests_partial"]),
    "feedback.comment": ("zq23", ["feedback_staff"]),
    "follow_up.comment": ("zq24", ["sme_follow_ups", "staff_follow_ups"]),
    "survey.constraint_comment": ("zq25", ["survey"]),
    "survey.recommendation": ("zq26", ["dashboard"]),
    "zone.incentives": ("zq27", ["zone", "zone_companies", "zone_edit"]),
    "zone.contact_name": ("zq28", ["zone", "zone_companies", "zone_edit"]),
    "zone.website": ("zq29", ["zone", "zone_companies", "zone_edit"]),
    "zone.contact_email": ("zq33", ["zone", "zone_companies", "zone_edit"]),
    "forum.title (web form)": ("zq30", ["forums", "dashboard", "exports"]),
}
ZONE = "LA-SAVAN-SENO"
PAST = {"title": hostile("zq16"), "edition": 9, "city": hostile("zq17", MEDIUM), "country_code": "LA",
        "venue": hostile("zq18"), "starts_on": "2026-01-12", "ends_on": "2026-01-12", "timezone": "Asia/Vientiane",
        "description": hostile("zq19")}
SESSION = {"name": hostile("zq20"), "day": "2026-01-12", "start_time": "09:00", "end_time": "11:00",
           "meeting_minutes": 30, "tables": 2, "table_prefix": hostile("zq21", SHORT)}


# Fields whose value is not marker + FULL: web addresses, e-mail addresses and short fields.
SPECIAL = {**{m: WEBSITE.format(m) for m in ("zq07", "zq12", "zq29")},
           **{m: EMAIL.format(m) for m in ("zq09", "zq31", "zq32", "zq33")},
           "zq17": hostile("zq17", MEDIUM), "zq21": hostile("zq21", SHORT)}


def stored_value(marker: str) -> str:
    """What the field with this marker holds, as a person should read it on the page."""
    return SPECIAL.get(marker, hostile(marker))


def active_content(doc: BeautifulSoup) -> list[str]:
    """Everything in a parsed page that a browser would run."""
    found = [f"inline script: {s}"[:120] for s in doc.find_all("script")
             if not (s.get("src") or "").startswith("/static/")]
    for tag in doc.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and \
                    "".join(text.split()).lower().startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"<{tag.name} {name}={text[:40]}>")
    return found


def _register(client, role: str, marker: str, email: str) -> dict:
    made = client.post("/api/v1/auth/register", json={"email": email, "full_name": hostile(marker),
                                                        "password": "correct horse battery", "role": role})
    assert made.status_code == 201, made.text
    return api_token(client, email)


def _ok(response):
    assert response.status_code in (200, 201, 303), (response.request.url, response.text[:300])
    return response


def build_world(client, session, make_user) -> dict:
    """Every hostile field stored through the API or a web form; returns the ids the pages need."""
    sme = _register(client, "sme", "zq01", SME_EMAIL)
    investor = _register(client, "investor", "zq02", "zq02@test.example")
    organizer_user = make_user(Role.organizer)
    organizer, evaluator = api_token(client, organizer_user.email), api_token(client, make_user(Role.evaluator).email)
    sme_id = _ok(client.post("/api/v1/smes", headers=sme, json={
        "name": hostile("zq03"), "country_code": "LA", "sectors": ["coffee"], "size_band": "small",
        "products": hostile("zq04"), "certifications": hostile("zq05"), "description": hostile("zq06"),
        "website": WEBSITE.format("zq07"), "contact_name": hostile("zq08"), "contact_email": EMAIL.format("zq09"),
        "corridors": ["NSEC"], "published": True})).json()["id"]
    investor_id = _ok(client.post("/api/v1/investors", headers=investor, json={
        "name": hostile("zq10"), "kind": "fund", "description": hostile("zq11"), "website": WEBSITE.format("zq12"),
        "contact_name": hostile("zq13"), "contact_email": EMAIL.format("zq32")})).json()["id"]
    request_id = _ok(client.post("/api/v1/requests", headers=investor, json={
        "title": hostile("zq14"), "description": hostile("zq15"), "sectors": ["coffee"], "countries": ["LA"],
        "corridors": ["NSEC"], "deal_types": ["equity"]})).json()["id"]
    _ok(client.put(f"/api/v1/requests/{request_id}/matches/{sme_id}/interest", json={"interested": True},
                   headers=investor))
    _ok(client.put(f"/api/v1/smes/{sme_id}/matches/{request_id}/interest", json={"interested": True}, headers=sme))
    _ok(client.put(f"/api/v1/requests/{request_id}/matches/{sme_id}/mark", json={"mark": "shortlisted"},
                   headers=investor))

    forum_id = _ok(client.post("/api/v1/forums", json=PAST, headers=organizer)).json()["id"]
    _ok(client.post(f"/api/v1/forums/{forum_id}/sessions", json=SESSION, headers=organizer))
    sme_reg = _ok(client.post(f"/api/v1/forums/{forum_id}/registrations", json={}, headers=sme)).json()["id"]
    investor_reg = _ok(client.post(f"/api/v1/forums/{forum_id}/registrations", json={}, headers=investor)).json()["id"]

    web_login(client, organizer_user.email)
    _ok(post_form(client, "/forums/new", {**PAST, "title": hostile("zq30"), "city": "Pakse"}))
    _ok(post_form(client, f"/zones/{ZONE}/edit", {"incentives": hostile("zq27"), "contact_name": hostile("zq28"),
                                                  "website": WEBSITE.format("zq29"),
                                                  "contact_email": EMAIL.format("zq33")}))
    client.cookies.clear()
    web_login(client, SME_EMAIL)  # the SME asks through the form, with a hostile message
    _ok(post_form(client, f"/forums/{forum_id}/requests", {"recipient_id": investor_reg, "message": hostile("zq22")}))
    survey = client.get(f"/forums/{forum_id}/survey")
    _ok(client.post(f"/forums/{forum_id}/survey/constraints", data={
        "csrf_token": csrf_from(survey.text), "severity-customs-procedures": "4", "comment-customs-procedures":
            hostile("zq25")}, follow_redirects=False))
    client.cookies.clear()
    _ok(client.post(f"/api/v1/forums/{forum_id}/recommendations", headers=investor, json={
        "topic": "infrastructure", "country_code": "LA", "recommendation": hostile("zq26")}))
    asked = client.get(f"/api/v1/forums/{forum_id}/meeting-requests", headers=investor).json()["items"][0]
    _ok(client.post(f"/api/v1/meeting-requests/{asked['id']}/response", json={"accept": True}, headers=investor))
    _ok(client.post(f"/api/v1/forums/{forum_id}/schedule", headers=organizer))
    meeting_id = session.exec(select(Meeting.id).where(Meeting.forum_id == forum_id)).one()
    _ok(client.put(f"/api/v1/meetings/{meeting_id}/feedback", headers=sme,
                   json={"outcome": "cooperation_possible", "comment": hostile("zq23")}))
    _ok(client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator))
    follow_up = client.get(f"/api/v1/forums/{forum_id}/follow-ups", headers=sme).json()["items"][0]
    _ok(client.put(f"/api/v1/follow-ups/{follow_up['id']}", headers=sme,
                   json={"collaboration_started": True, "comment": hostile("zq24")}))
    return {"sme": sme_id, "investor": investor_id, "request": request_id, "forum": forum_id, "meeting": meeting_id,
            "sme_reg": sme_reg, "session": client.get(f"/api/v1/forums/{forum_id}/sessions").json()[0]["id"]}


def pages(ids: dict) -> dict[str, tuple[str, str, dict]]:
    """page key → (who looks, URL, extra headers). Who is an e-mail or a role name for a fresh account."""
    f, htmx = ids["forum"], {"HX-Request": "true"}
    return {
        "sme_profile": (SME_EMAIL, f"/smes/{ids['sme']}", {}),
        "sme_form": (SME_EMAIL, "/me/profile/edit", {}),
        "my_matches": (SME_EMAIL, "/me/matches", {}),
        "investor_org_for_sme": (SME_EMAIL, f"/investors/{ids['investor']}", {}),
        "agenda_sme": (SME_EMAIL, f"/forums/{f}/agenda", {}),
        "sme_follow_ups": (SME_EMAIL, f"/forums/{f}/follow-ups", {}),
        "survey": (SME_EMAIL, f"/forums/{f}/survey", {}),
        "sme_browse": ("zq02@test.example", "/smes", {}),
        "sme_search_partial": ("zq02@test.example", "/smes?q=zq03", htmx),
        "sme_profile_for_investor": ("zq02@test.example", f"/smes/{ids['sme']}", {}),
        "investor_org": ("zq02@test.example", f"/investors/{ids['investor']}", {}),
        "investor_form": ("zq02@test.example", "/me/organization", {}),
        "request_page": ("zq02@test.example", f"/requests/{ids['request']}", {}),
        "request_browse": (SME_EMAIL, "/requests", {}),
        "request_search_partial": (SME_EMAIL, "/requests?q=zq14", htmx),
        "my_requests": ("zq02@test.example", "/me/requests", {}),
        "request_matches": ("zq02@test.example", f"/requests/{ids['request']}/matches", {}),
        "agenda_investor": ("zq02@test.example", f"/forums/{f}/agenda", {}),
        "investor_follow_ups": ("zq02@test.example", f"/forums/{f}/follow-ups", {}),
        "forums": ("anonymous", "/forums", {}),
        "forum": ("anonymous", f"/forums/{f}", {}),
        "zone": ("anonymous", f"/zones/{ZONE}", {}),
        "zone_companies": ("organizer", f"/zones/{ZONE}", {}),
        "zone_edit": ("organizer", f"/zones/{ZONE}/edit", {}),
        "sessions": ("organizer", f"/forums/{f}/sessions", {}),
        "board": ("organizer", f"/forums/{f}/board", {}),
        "plans_person": ("organizer", f"/forums/{f}/plans?by=person", {}),
        "plans_table": ("organizer", f"/forums/{f}/plans?by=table", {}),
        "registrations": ("organizer", f"/forums/{f}/registrations", {}),
        "forum_requests": ("organizer", f"/forums/{f}/requests", {}),
        "meeting": ("organizer", f"/forums/{f}/meetings/{ids['meeting']}", {}),
        "forum_matches": ("organizer", f"/forums/{f}/matches", {}),
        "feedback_staff": ("organizer", f"/forums/{f}/meetings/{ids['meeting']}/feedback?for={ids['sme_reg']}", {}),
        "dashboard": ("evaluator", f"/evaluation?forum={f}", {}),
        "admin_users": ("admin", "/admin/users", {}),
        "home_sme": (SME_EMAIL, "/", {}),
        "home_investor": ("zq02@test.example", "/", {}),
        "corridor": ("zq02@test.example", "/corridors/NSEC", {}),
        "zone_directory": ("anonymous", "/zones?q=Savan", {}),
        "zone_directory_partial": ("anonymous", "/zones?q=Savan", htmx),
        "registration_form": (SME_EMAIL, f"/forums/{f}/registration", {}),
        "forum_for_organizer": ("organizer", f"/forums/{f}", {}),
        "outbox": ("organizer", f"/forums/{f}/outbox", {}),
        "forum_requests_partial": ("organizer", f"/forums/{f}/requests?status=accepted", htmx),
        "registrations_search_partial": ("organizer", f"/forums/{f}/registrations?q=zq03", htmx),
        "request_matches_partial": ("zq02@test.example", f"/requests/{ids['request']}/matches?show=shortlisted", htmx),
        "staff_follow_ups": ("evaluator", f"/forums/{f}/follow-ups", {}),
        "exports": ("evaluator", "/evaluation/exports", {}),
        "sme_agenda_for_staff": ("organizer", f"/forums/{f}/agenda?id={ids['sme_reg']}", {}),
    }


def test_every_text_field_is_shown_inert_everywhere(client, session, make_user):
    ids = build_world(client, session, make_user)
    staff = {role.value: make_user(role).email for role in (Role.organizer, Role.evaluator, Role.admin)}
    expected: dict[str, list[str]] = {}
    for marker, keys in SHOWN_ON.values():
        for key in keys:
            expected.setdefault(key, []).append(marker)
    problems, shown = [], {}
    viewer = None
    for key, (who, url, headers) in sorted(pages(ids).items(), key=lambda item: item[1][0]):
        if who != viewer:  # one login per viewer
            client.cookies.clear()
            if who != "anonymous":
                web_login(client, staff.get(who, who))
            viewer = who
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (key, url, response.status_code)
        doc = page(response)
        problems += [f"{key}: {found}" for found in active_content(doc)]
        # Form fields show the value in an attribute: it counts as shown (attribute-escaped, parsed back).
        text = doc.get_text() + " ".join(str(i.get("value", "")) for i in doc.find_all("input"))
        shown[key] = text
        for marker in expected.get(key, []):
            if marker not in text:
                problems.append(f"{key}: field {marker} not shown")
            elif stored_value(marker) not in text:  # the whole value, template syntax unevaluated
                problems.append(f"{key}: field {marker} not shown as literal text")
    assert problems == [], "\n".join(problems)
    assert "{{7*7}}" in shown["forum"] and "{%print 7*7%}" in shown["forum"]  # the literal template survives


def test_script_urls_never_become_websites(client, make_user):
    """`javascript:` and other non-web schemes are refused where a field becomes a link."""
    investor = api_token(client, make_user(Role.investor).email)
    organizer = api_token(client, make_user(Role.organizer).email)
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x",
                "https://ok.example/\njavascript:alert(1)"):
        made = client.post("/api/v1/investors", headers=investor, json={"name": "Fund", "kind": "fund", "website": url})
        assert made.status_code == 422 and made.json()["detail"][0]["loc"][-1] == "website", url
        edited = client.put(f"/api/v1/zones/{ZONE}", headers=organizer, json={"website": url})
        assert edited.status_code == 422, url


def test_search_terms_and_paths_are_reflected_inert(client, make_user):
    """Reflected XSS: what a person types in a search box or an address comes back as text."""
    quoted = FULL.replace("%", "%25").replace("&", "%26").replace("#", "%23")
    web_login(client, make_user(Role.admin).email)
    for url in ("/smes?q=", "/requests?q=", "/zones?q=", "/admin/users?q=", "/forums?page=1&q=", "/no-such-page/"):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url + quoted, headers=headers)
            assert response.status_code in (200, 404), url
            assert active_content(page(response)) == [], url
    assert FULL in page(client.get("/smes?q=" + quoted)).find("input", attrs={"name": "q"})["value"]


def test_the_detector_finds_what_a_browser_would_run():
    """The checks above mean something: the raw payloads, unescaped, are all caught."""
    raw = BeautifulSoup(FULL + WEBSITE.format("x") + '<form action="JavaScript:alert(1)"><button formaction='
                        '" javascript:alert(1)">', "html.parser")
    found = " ".join(active_content(raw))
    assert found.count("inline script") == 2 and "onerror" in found and "href=javascript" in found
    assert "action=" in found and "formaction=" in found
    assert active_content(BeautifulSoup('<script src="/static/app.js"></script><a href="/smes">x</a>',
                                        "html.parser")) == []
