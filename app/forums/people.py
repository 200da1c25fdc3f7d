"""Who a registration is, in words and links: the company or the organization behind the account."""
from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.auth.models import DELETED_NAME, Role, User
from app.forums.models import Registration
from app.i18n.translate import _
from app.investors.models import Investor
from app.smes.models import SmeProfile


@dataclass(frozen=True)
class Person:
    registration_id: int
    user_id: int
    role: str
    name: str
    href: str | None     # the profile page, when there is one


def people(*, session: Session, registrations: list[Registration]) -> dict[int, Person]:
    """Registration id -> Person, in three queries whatever the number of registrations."""
    users = [r.user_id for r in registrations]
    smes = {owner: (i, name) for i, owner, name in session.exec(
        select(SmeProfile.id, SmeProfile.owner_id, SmeProfile.name).where(col(SmeProfile.owner_id).in_(users)))}
    investors = {owner: (i, name) for i, owner, name in session.exec(
        select(Investor.id, Investor.owner_id, Investor.name).where(col(Investor.owner_id).in_(users)))}
    emails = {user: _(name) if name == DELETED_NAME else name for user, name in
              session.exec(select(User.id, User.full_name).where(col(User.id).in_(users)))}
    found = {}
    for r in registrations:
        profile, path = (smes, "/smes") if r.role == Role.sme else (investors, "/investors")
        id_, name = profile.get(r.user_id, (None, emails.get(r.user_id) or _("Participant {id}").format(id=r.id)))
        found[r.id] = Person(r.id, r.user_id, str(r.role), name, f"{path}/{id_}" if id_ else None)
    return found
