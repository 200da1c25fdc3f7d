"""Pages of the public zone directory, zone and corridor pages, and the organizers' zone editor."""
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import OptionalWebUser, SessionDep, WebUser
from app.i18n.formatting import place_name
from app.i18n.translate import N_, gettext, translated_labels
from app.matches import service as matches
from app.matches.schemas import Against
from app.pagination import page_links
from app.reference import service as reference
from app.vocab import label
from app.web.flash import flash
from app.web.forms import Blankable, form_dict, submit
from app.web.templating import render
from app.zones import service
from app.zones.models import ZoneKind
from app.zones.schemas import ZoneUpdate

router = APIRouter()

PER_PAGE = 20
ZONE_MATCHES = 5  # of each kind on a zone page; the API lists more
EDIT_FIELDS = ("incentives", "contact_name", "contact_email", "contact_phone", "website", "focus_sectors")
BORDER_CHOICES = [("true", N_("Border zones only")), ("false", N_("Away from borders"))]


def link_url(url: str) -> str | None:
    """The address if it may become a link: http(s) with a host. Anything else (javascript:…) stays text."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in url):
        return url
    return None


def _filter_choices(session) -> dict:
    return {"countries": reference.countries(session=session),
            "kinds": [reference.Choice(kind, text) for kind, text in translated_labels(service.KIND_LABELS).items()],
            "corridors": reference.corridors(session=session),
            "sectors": reference.sectors(session=session),
            "border_choices": [reference.Choice(value, gettext(text)) for value, text in BORDER_CHOICES]}


@router.get("/zones")
def directory(request: Request, session: SessionDep, q: str = "",
              country: Annotated[str | None, Blankable] = None,
              kind: Annotated[ZoneKind | None, Blankable] = None,
              corridor: Annotated[str | None, Blankable] = None,
              sector: Annotated[str | None, Blankable] = None,
              border_zone: Annotated[bool | None, Blankable] = None,
              page: Annotated[int, Query(ge=1)] = 1):
    zones, total = service.search_zones(session=session, country=country, kind=kind, corridor=corridor,
                                        sector=sector, border_zone=border_zone, q=q,
                                        limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    choices = _filter_choices(session)
    context = {
        "zones": zones, "total": total, "links": service.zone_links(session=session, codes=[z.code for z in zones]),
        "kind_labels": translated_labels(service.KIND_LABELS),
        "corridor_names": {c.value: c.label for c in choices["corridors"]},
        "filters": {"q": q, "country": country, "kind": kind.value if kind else None, "corridor": corridor,
                    "sector": sector},
        "border_value": None if border_zone is None else str(border_zone).lower(),
        "pages": page_links(request, page=page, per_page=PER_PAGE, total=total), **choices,
    }
    return render(request, "zones/directory.html", context, block="results")


@router.get("/zones/{code}")
def zone_page(request: Request, code: str, session: SessionDep, user: OptionalWebUser):
    details = service.zone_details(session=session, actor=user, code=code)
    kinds = [Against.zones, Against.smes, Against.requests] if user else [Against.zones]
    zone_matches = {kind.value: matches.for_zone(session=session, actor=user, code=code, against=kind,
                                                 limit=ZONE_MATCHES)[0] for kind in kinds}
    province = details.province
    return render(request, "zones/zone.html", {
        "d": details, "z": details.zone, "kind_label": gettext(service.KIND_LABELS[details.zone.kind]),
        "province_name": place_name(province.name_en, province.name_local, province.country_code) if province else None,
        "website_url": link_url(details.zone.website), "can_edit": service.can_edit(user),
        "zone_matches": zone_matches})


def _edit_page(request: Request, session, zone, form: dict, errors: dict, status_code: int = 200) -> Response:
    return render(request, "zones/edit.html", {"z": zone, "form": form, "errors": errors,
                                               "sectors": reference.sectors(session=session)},
                  status_code=status_code)


@router.get("/zones/{code}/edit")
def edit_page(request: Request, code: str, session: SessionDep, user: WebUser):
    zone, focus_sectors = service.zone_for_edit(session=session, actor=user, code=code)
    form = {name: getattr(zone, name) for name in EDIT_FIELDS if name != "focus_sectors"}
    return _edit_page(request, session, zone, {**form, "focus_sectors": focus_sectors}, {})


@router.post("/zones/{code}/edit")
async def edit_zone(request: Request, code: str, session: SessionDep, user: WebUser) -> Response:
    zone, _ = service.zone_for_edit(session=session, actor=user, code=code)
    data = form_dict(await request.form(), lists=("focus_sectors",))
    # A blank field means "no value": let the model's empty default apply.
    _, errors = submit(ZoneUpdate, {k: v for k, v in data.items() if v is not None and k in EDIT_FIELDS},
                       lambda parsed: service.update_zone(session=session, actor=user, code=code, data=parsed))
    if errors:
        return _edit_page(request, session, zone, data, errors, status_code=422)
    flash(request, "Zone updated.")
    return RedirectResponse(f"/zones/{zone.code}", status_code=303)


@router.get("/corridors")
def corridors_page(request: Request, session: SessionDep):
    tree = reference.corridor_tree(session=session)
    codes = [c.code for corridor, routes in tree for c in (corridor, *routes)]
    return render(request, "corridors/list.html", {
        "tree": tree, "served": reference.served_countries(session=session, codes=codes),
        "kind_labels": translated_labels(reference.CORRIDOR_KIND_LABELS)})


@router.get("/corridors/{code}")
def corridor_page(request: Request, code: str, session: SessionDep):
    details = reference.corridor_details(session=session, code=code)
    return render(request, "corridors/corridor.html", {
        "d": details, "c": details.corridor, "kind_labels": translated_labels(service.KIND_LABELS),
        "corridor_kind": translated_labels(reference.CORRIDOR_KIND_LABELS).get(details.corridor.kind,
                                                                                label(details.corridor.kind)),
        "crossing_kinds": translated_labels(reference.CROSSING_KIND_LABELS)})
