"""Navigation by role: each person sees the pages of their job, in the order they use them.

Features add their pages here as they land, so the menu never links to a page that isn't there.
"""
from app.auth.models import Role, User

NavItem = tuple[str, str]  # (label, href)

_PUBLIC: list[NavItem] = [("Forums", "/forums"), ("Zones", "/zones"), ("Corridors", "/corridors")]
_BY_ROLE: dict[Role, list[NavItem]] = {
    Role.sme: [("My company", "/me/profile"), ("My matches", "/me/matches"), ("Investor requests", "/requests")],
    Role.investor: [("My organization", "/me/organization"), ("My requests", "/me/requests"), ("SMEs", "/smes")],
    Role.organizer: [("SMEs", "/smes"), ("Investor requests", "/requests"), ("Evaluation", "/evaluation"),
                     ("Exports", "/evaluation/exports")],
    Role.evaluator: [("SMEs", "/smes"), ("Investor requests", "/requests"), ("Evaluation", "/evaluation"),
                     ("Exports", "/evaluation/exports")],
    Role.admin: [("Users", "/admin/users"), ("SMEs", "/smes"), ("Investor requests", "/requests"),
                 ("Evaluation", "/evaluation"), ("Exports", "/evaluation/exports")],
}


def nav_for(user: User | None) -> list[NavItem]:
    if user is None:
        return _PUBLIC
    return _BY_ROLE.get(user.role, []) + _PUBLIC
