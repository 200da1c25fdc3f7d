"""Public pages that belong to no single feature."""
from fastapi import APIRouter, Request
from sqlmodel import func, select

from app.deps import OptionalWebUser, SessionDep
from app.reference.models import Corridor, Country, ForumEdition
from app.zones.models import EconomicZone
from app.web.templating import render

router = APIRouter()


@router.get("/")
def landing(request: Request, session: SessionDep, user: OptionalWebUser):
    counts = {
        "countries": session.exec(select(func.count()).select_from(Country)).one(),
        "zones": session.exec(select(func.count()).select_from(EconomicZone)).one(),
        "corridors": session.exec(select(func.count()).select_from(Corridor).where(Corridor.parent_code.is_(None))).one(),
    }
    editions = session.exec(select(ForumEdition).order_by(ForumEdition.edition.desc())).all()
    return render(request, "home.html", {"counts": counts, "editions": editions})
