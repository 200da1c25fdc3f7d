"""Who may call each route: DESIGN.md's permission matrix, route by route.

One letter per role, in the order  anonymous, sme, investor, organizer, evaluator, admin:
  Y  allowed
  N  refused: 403, or 404 where existence itself is private
  O  allowed on the caller's own object, refused on someone else's (SMEs and investors)
  L  (anonymous only) log in first: 401 from the API, a redirect to /login from a web page,
     401 from a web form post
Every route of the app must be here (test_every_route_has_exactly_one_entry).

Where the app deliberately differs from DESIGN.md's short matrix (documented in README.md or the
route's docstring), the table follows the app: organizers edit SME profiles; organizers also
export; only evaluators and admins launch follow-up waves; organizers and evaluators record
feedback, follow-ups and survey answers on a participant's behalf.
"""

EXCLUDED = {
    # A Mount, not a route: static files (CSS, vendored JS, icons) are public by design.
    "/static": "static files mount",
}

TABLE = {
    # Public pages, documentation, health
    ("GET", "/healthz"): "YYYYYY",
    ("GET", "/api/openapi.json"): "YYYYYY",
    ("GET", "/api/docs"): "YYYYYY",
    ("GET", "/docs/oauth2-redirect"): "YYYYYY",
    ("GET", "/sw.js"): "YYYYYY",
    ("GET", "/manifest.webmanifest"): "YYYYYY",
    ("GET", "/"): "YYYYYY",
    ("GET", "/reference/provinces"): "YYYYYY",
    ("POST", "/language"): "YYYYYY",  # the language switcher, for everyone

    # Accounts (API)
    ("POST", "/api/v1/auth/token"): "YYYYYY",
    ("POST", "/api/v1/auth/register"): "YYYYYY",
    ("GET", "/api/v1/auth/me"): "LYYYYY",
    ("POST", "/api/v1/auth/password"): "LYYYYY",
    ("GET", "/api/v1/users"): "LNNNNY",
    ("PUT", "/api/v1/users/{user_id}/role"): "LNNNNY",
    ("DELETE", "/api/v1/users/{user_id}"): "LOONNY",  # close one's own account; admins close any
    # Accounts (web)
    ("GET", "/login"): "YYYYYY",
    ("POST", "/login"): "YYYYYY",
    ("POST", "/logout"): "YYYYYY",
    ("GET", "/register"): "YYYYYY",
    ("POST", "/register"): "YYYYYY",
    ("GET", "/account/password"): "LYYYYY",
    ("POST", "/account/password"): "LYYYYY",
    ("GET", "/account/delete"): "LYYYYY",
    ("POST", "/account/delete"): "LYYYYY",
    ("GET", "/admin/users"): "LNNNNY",
    ("POST", "/admin/users/{user_id}/role"): "LNNNNY",

    # SME profiles: own write, others' published read; organizers and admins edit, only owner and admin delete
    ("GET", "/api/v1/smes"): "LYYYYY",
    ("POST", "/api/v1/smes"): "LYNNNN",  # the SME has its profile already: 409, past the role check
    ("GET", "/api/v1/smes/{sme_id}"): "LYYYYY",
    ("PUT", "/api/v1/smes/{sme_id}"): "LONYNY",
    ("DELETE", "/api/v1/smes/{sme_id}"): "LONNNY",
    ("GET", "/me/profile"): "LYYYYY",
    ("GET", "/me/profile/edit"): "LYNNNN",
    ("POST", "/me/profile/edit"): "LYNNNN",
    ("POST", "/smes/validate"): "LYYYYY",
    ("GET", "/smes"): "LYYYYY",
    ("GET", "/smes/{sme_id}"): "LYYYYY",
    ("GET", "/smes/{sme_id}/edit"): "LONYNY",
    ("POST", "/smes/{sme_id}/edit"): "LONYNY",
    ("POST", "/smes/{sme_id}/publish"): "LONYNY",
    ("POST", "/smes/{sme_id}/unpublish"): "LONYNY",
    ("GET", "/smes/{sme_id}/delete"): "LONNNY",
    ("POST", "/smes/{sme_id}/delete"): "LONNNY",

    # Investor organizations and requests: own write; SMEs read open requests; staff read
    ("GET", "/api/v1/investors"): "LYYYYY",
    ("POST", "/api/v1/investors"): "LNYNNN",  # the investor has its organization already: 409
    ("GET", "/api/v1/investors/{investor_id}"): "LYYYYY",
    ("PUT", "/api/v1/investors/{investor_id}"): "LNONNY",
    ("GET", "/api/v1/requests"): "LYYYYY",
    ("POST", "/api/v1/requests"): "LNYNNN",
    ("GET", "/api/v1/requests/{request_id}"): "LYOYYY",
    ("PUT", "/api/v1/requests/{request_id}"): "LNONNY",
    ("DELETE", "/api/v1/requests/{request_id}"): "LNONNY",
    ("GET", "/me/organization"): "LNYNNN",
    ("POST", "/me/organization"): "LNYNNN",
    ("GET", "/investors/{investor_id}"): "LYYYYY",
    ("GET", "/me/requests"): "LNYNNN",
    ("GET", "/requests"): "LYYYYY",  # investors are sent to their own list
    ("GET", "/requests/new"): "LNYNNN",
    ("POST", "/requests/new"): "LNYNNN",
    ("GET", "/requests/{request_id}"): "LYOYYY",
    ("GET", "/requests/{request_id}/edit"): "LNONNY",
    ("POST", "/requests/{request_id}/edit"): "LNONNY",
    ("POST", "/requests/{request_id}/close"): "LNONNY",
    ("POST", "/requests/{request_id}/reopen"): "LNONNY",
    ("GET", "/requests/{request_id}/delete"): "LNONNY",
    ("POST", "/requests/{request_id}/delete"): "LNONNY",

    # Matches: SMEs their own profile's, investors their own requests', staff all (read)
    ("GET", "/api/v1/requests/{request_id}/matches"): "LNOYYY",
    ("GET", "/api/v1/smes/{sme_id}/matches"): "LONYYY",
    ("GET", "/api/v1/zones/{code}/matches"): "YYYYYY",  # complementary zones are public
    ("PUT", "/api/v1/requests/{request_id}/matches/{sme_id}/mark"): "LNONNN",
    ("PUT", "/api/v1/requests/{request_id}/matches/{sme_id}/interest"): "LOONNN",
    ("PUT", "/api/v1/smes/{sme_id}/matches/{request_id}/interest"): "LOONNN",
    ("GET", "/requests/{request_id}/matches"): "LNOYYY",
    ("GET", "/me/matches"): "LYNNNN",
    ("POST", "/requests/{request_id}/matches/{sme_id}/mark"): "LNONNN",
    ("POST", "/requests/{request_id}/matches/{sme_id}/interest"): "LOONNN",
    ("POST", "/smes/{sme_id}/matches/{request_id}/interest"): "LOONNN",
    ("GET", "/api/v1/forums/{forum_id}/matches"): "LNNYYY",
    ("GET", "/api/v1/forums/{forum_id}/match-weights"): "LNNYYY",
    ("PUT", "/api/v1/forums/{forum_id}/match-weights"): "LNNYNY",
    ("GET", "/forums/{forum_id}/matches"): "LNNYYY",
    ("POST", "/forums/{forum_id}/match-weights"): "LNNYNY",

    # Zones and reference data: everyone reads, organizers and admins edit zones
    ("GET", "/api/v1/zones"): "YYYYYY",
    ("GET", "/api/v1/zones/{code}"): "YYYYYY",
    ("PUT", "/api/v1/zones/{code}"): "LNNYNY",
    ("GET", "/api/v1/corridors"): "YYYYYY",
    ("GET", "/api/v1/corridors/{code}"): "YYYYYY",
    ("GET", "/api/v1/sectors"): "YYYYYY",
    ("GET", "/api/v1/crossings"): "YYYYYY",
    ("GET", "/api/v1/countries"): "YYYYYY",
    ("GET", "/api/v1/countries/{code}/provinces"): "YYYYYY",
    ("GET", "/zones"): "YYYYYY",
    ("GET", "/zones/{code}"): "YYYYYY",
    ("GET", "/zones/{code}/edit"): "LNNYNY",
    ("POST", "/zones/{code}/edit"): "LNNYNY",
    ("GET", "/corridors"): "YYYYYY",
    ("GET", "/corridors/{code}"): "YYYYYY",

    # Forums: everyone reads, organizers and admins write
    ("GET", "/api/v1/forums"): "YYYYYY",
    ("POST", "/api/v1/forums"): "LNNYNY",
    ("GET", "/api/v1/forums/{forum_id}"): "YYYYYY",
    ("PUT", "/api/v1/forums/{forum_id}"): "LNNYNY",
    ("GET", "/api/v1/forums/{forum_id}/sessions"): "YYYYYY",
    ("POST", "/api/v1/forums/{forum_id}/sessions"): "LNNYNY",
    ("PUT", "/api/v1/forums/{forum_id}/sessions/{session_id}"): "LNNYNY",
    ("DELETE", "/api/v1/forums/{forum_id}/sessions/{session_id}"): "LNNYNY",
    ("GET", "/api/v1/forums/{forum_id}/slots"): "YYYYYY",
    ("GET", "/forums"): "YYYYYY",
    ("GET", "/forums/new"): "LNNYNY",
    ("POST", "/forums/new"): "LNNYNY",
    ("GET", "/forums/{forum_id}"): "YYYYYY",
    ("GET", "/forums/{forum_id}/edit"): "LNNYNY",
    ("POST", "/forums/{forum_id}/edit"): "LNNYNY",
    ("GET", "/forums/{forum_id}/sessions"): "LNNYNY",
    ("POST", "/forums/{forum_id}/sessions"): "LNNYNY",
    ("GET", "/forums/{forum_id}/sessions/{session_id}/edit"): "LNNYNY",
    ("POST", "/forums/{forum_id}/sessions/{session_id}/edit"): "LNNYNY",
    ("GET", "/forums/{forum_id}/sessions/{session_id}/delete"): "LNNYNY",
    ("POST", "/forums/{forum_id}/sessions/{session_id}/delete"): "LNNYNY",

    # Registrations, meeting requests, agenda: participants their own; organizers all; evaluators read
    ("GET", "/api/v1/forums/{forum_id}/registrations"): "LYYYYY",  # participants get only their own row
    ("POST", "/api/v1/forums/{forum_id}/registrations"): "LYYNNN",
    ("PUT", "/api/v1/registrations/{registration_id}"): "LOOYNY",
    ("DELETE", "/api/v1/registrations/{registration_id}"): "LOOYNY",
    ("POST", "/api/v1/forums/{forum_id}/registrations/{registration_id}/check-in"): "LNNYNY",
    ("GET", "/api/v1/forums/{forum_id}/meeting-requests"): "LYYYYY",  # participants get only their own
    ("POST", "/api/v1/forums/{forum_id}/meeting-requests"): "LYYNNN",
    ("POST", "/api/v1/forums/{forum_id}/arranged-meetings"): "LNNYNY",
    ("POST", "/api/v1/meeting-requests/{request_id}/response"): "LOONNN",
    ("POST", "/api/v1/meeting-requests/{request_id}/withdrawal"): "LOONNN",
    ("GET", "/api/v1/forums/{forum_id}/meetings"): "LYYYYY",  # participants get only their own
    ("GET", "/api/v1/forums/{forum_id}/agenda.ics"): "LYYNNN",  # the caller's own agenda
    ("GET", "/forums/{forum_id}/register"): "LYYYYY",  # a blank form; registering itself is refused to staff
    ("POST", "/forums/{forum_id}/register"): "LYYNNN",
    ("GET", "/forums/{forum_id}/registration"): "LOOYNY",  # ?id= someone else's registration
    ("POST", "/forums/{forum_id}/registration"): "LOOYNY",
    ("GET", "/forums/{forum_id}/requests"): "LYYYYY",
    ("POST", "/forums/{forum_id}/requests"): "LYYYNY",  # organizers and admins arrange (party_a_id)
    ("POST", "/forums/{forum_id}/requests/{request_id}/answer"): "LOONNN",
    ("POST", "/forums/{forum_id}/requests/{request_id}/withdraw"): "LOONNN",
    ("GET", "/forums/{forum_id}/agenda"): "LOOYYY",  # ?id= someone else's agenda
    ("GET", "/forums/{forum_id}/agenda.ics"): "LYYNNN",

    # The board: organizers and admins change it, evaluators read it
    ("POST", "/api/v1/forums/{forum_id}/schedule"): "LNNYNY",
    ("POST", "/api/v1/forums/{forum_id}/meetings/{meeting_id}/move"): "LNNYNY",
    ("POST", "/api/v1/forums/{forum_id}/meetings/{meeting_id}/swap"): "LNNYNY",
    ("POST", "/api/v1/forums/{forum_id}/meetings/{meeting_id}/lock"): "LNNYNY",
    ("POST", "/api/v1/forums/{forum_id}/meetings/{meeting_id}/cancel"): "LNNYNY",
    ("POST", "/api/v1/forums/{forum_id}/meetings/{meeting_id}/outcome"): "LNNYNY",
    ("GET", "/forums/{forum_id}/board"): "LNNYYY",
    ("POST", "/forums/{forum_id}/schedule"): "LNNYNY",
    ("GET", "/forums/{forum_id}/meetings/{meeting_id}"): "LNNYYY",
    ("POST", "/forums/{forum_id}/meetings/{meeting_id}/{action}"): "LNNYNY",
    ("GET", "/forums/{forum_id}/registrations"): "LNNYYY",
    ("POST", "/forums/{forum_id}/registrations/{registration_id}/check-in"): "LNNYNY",
    ("GET", "/forums/{forum_id}/outbox"): "LNNYNY",
    ("GET", "/forums/{forum_id}/plans"): "LNNYYY",

    # Feedback, follow-ups, surveys: participants their own; staff read and record on a participant's behalf
    ("GET", "/api/v1/meetings/{meeting_id}/feedback"): "LOOYYY",
    ("PUT", "/api/v1/meetings/{meeting_id}/feedback"): "LOOYYY",
    ("GET", "/forums/{forum_id}/meetings/{meeting_id}/feedback"): "LOOYYY",
    ("POST", "/forums/{forum_id}/meetings/{meeting_id}/feedback"): "LOOYYY",
    ("POST", "/api/v1/forums/{forum_id}/follow-ups"): "LNNNYY",
    ("POST", "/api/v1/forums/{forum_id}/follow-ups/reminders"): "LNNNYY",
    ("GET", "/api/v1/forums/{forum_id}/follow-ups"): "LYYYYY",  # participants get only their own
    ("PUT", "/api/v1/follow-ups/{follow_up_id}"): "LOOYYY",
    ("GET", "/forums/{forum_id}/follow-ups"): "LYYYYY",
    ("POST", "/forums/{forum_id}/follow-ups"): "LNNNYY",
    ("POST", "/forums/{forum_id}/follow-ups/{follow_up_id}"): "LOOYYY",
    ("PUT", "/api/v1/forums/{forum_id}/constraints"): "LYNYYY",
    ("POST", "/api/v1/forums/{forum_id}/recommendations"): "LNYYYY",
    ("GET", "/forums/{forum_id}/survey"): "LYYNNN",  # the form of the caller's own registration
    ("POST", "/forums/{forum_id}/survey/constraints"): "LYNNNN",
    ("POST", "/forums/{forum_id}/survey/recommendations"): "LNYNNN",

    # Evaluation: dashboards and exports for staff
    ("GET", "/evaluation"): "LNNYYY",
    ("GET", "/evaluation/exports"): "LNNYYY",
    ("GET", "/evaluation/exports/{export}"): "LNNYYY",
    ("GET", "/api/v1/exports/{export}"): "LNNYYY",
}
