"""Navigation by role: each person sees the pages of their job, in the order they use them.

Features add their pages here as they land, so the menu never links to a page that isn't there.
"""
from app.auth.models import Role, User
from app.i18n.translate import N_

NavItem = tuple[str, str]  # (label in English, translated where shown; href)

_PUBLIC: list[NavItem] = [(N_("Forums"), "/forums"), (N_("Zones"), "/zones"), (N_("Corridors"), "/corridors")]
_BY_ROLE: dict[Role, list[NavItem]] = {
    Role.sme: [(N_("My company"), "/me/profile"), (N_("My matches"), "/me/matches"), (N_("Investor requests"), "/requests")],
    Role.investor: [(N_("My organization"), "/me/organization"), (N_("My requests"), "/me/requests"), (N_("SMEs"), "/smes")],
    Role.organizer: [(N_("SMEs"), "/smes"), (N_("Investor requests"), "/requests"), (N_("Evaluation"), "/evaluation"),
                     (N_("Exports"), "/evaluation/exports")],
    Role.evaluator: [(N_("SMEs"), "/smes"), (N_("Investor requests"), "/requests"), (N_("Evaluation"), "/evaluation"),
                     (N_("Exports"), "/evaluation/exports")],
    Role.admin: [(N_("Users"), "/admin/users"), (N_("SMEs"), "/smes"), (N_("Investor requests"), "/requests"),
                 (N_("Evaluation"), "/evaluation"), (N_("Exports"), "/evaluation/exports")],
}


def nav_for(user: User | None) -> list[NavItem]:
    if user is None:
        return _PUBLIC
    return _BY_ROLE.get(user.role, []) + _PUBLIC
