"""Public pages that belong to no single feature."""
from fastapi import APIRouter, Request
from sqlmodel import func, select

from app.deps import OptionalWebUser, SessionDep
from app.reference import service as reference
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


@router.get("/reference/provinces")
def province_options(request: Request, session: SessionDep, country_code: str = ""):
    """<option>s of a country's provinces, swapped into a province select when the country changes."""
    return render(request, "_province_options.html",
                  {"provinces": reference.provinces(session=session, country_code=country_code or None)})
