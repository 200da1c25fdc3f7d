"""Account pages: log in, register, log out, change password, and the admin's user list."""
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth import deletion, service
from app.auth.models import Role
from app.auth.schemas import PasswordChangeIn, RegisterIn
from app.auth.security import verify_password
from app.deps import SessionDep, WebUser, client_ip
from app.errors import InvalidInput, TooManyRequests, Unauthenticated
from app.i18n.translate import N_, current_locale, gettext, translated_labels
from app.pagination import page_links
from app.web.flash import flash
from app.web.forms import Blankable, form_dict, submit
from app.web.redirects import safe_next
from app.web.templating import is_htmx, render

router = APIRouter()
# The role names on the admin's user list (the stored values stay English).
ROLE_LABELS = {Role.sme: N_("SME"), Role.investor: N_("Investor"), Role.organizer: N_("Organizer"),
               Role.evaluator: N_("Evaluator"), Role.admin: N_("Admin")}


def _start_session(request: Request, user) -> None:
    request.session.clear()  # a fresh CSRF token and no state carried over from before login
    request.session.update({"uid": user.id, "v": user.auth_version})


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    return render(request, "auth/login.html", {"next": safe_next(next), "form": {}, "errors": {}})


@router.post("/login")
async def login(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    next_url = safe_next(str(form.get("next", "")))
    try:
        user = service.authenticate(session=session, email=email, password=password, ip=client_ip(request))
    except (Unauthenticated, TooManyRequests) as exc:
        status = 429 if isinstance(exc, TooManyRequests) else 401
        return render(request, "auth/login.html", {"next": next_url, "form": {"email": email},
                                                   "errors": {"__all__": gettext(exc.message)}}, status_code=status)
    _start_session(request, user)
    flash(request, gettext("Welcome, {name}.").format(name=user.full_name or user.email))
    return RedirectResponse(next_url, status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    flash(request, "You are logged out.", "info")
    return RedirectResponse("/", status_code=303)


@router.get("/register")
def register_page(request: Request, role: Role = Role.sme):
    return render(request, "auth/register.html", {"form": {"role": role}, "errors": {}})


@router.post("/register")
async def register(request: Request, session: SessionDep) -> Response:
    data = form_dict(await request.form())
    user, errors = submit(RegisterIn, data,
                          lambda parsed: service.register(session=session, data=parsed, locale=current_locale()))
    if errors:
        data.pop("password", None)
        return render(request, "auth/register.html", {"form": data, "errors": errors}, status_code=422)
    _start_session(request, user)
    flash(request, "Your account is ready.")
    return RedirectResponse("/", status_code=303)


@router.get("/account/password")
def password_page(request: Request, user: WebUser):
    return render(request, "auth/password.html", {"errors": {}})


@router.post("/account/password")
async def change_password(request: Request, user: WebUser, session: SessionDep) -> Response:
    _, errors = submit(PasswordChangeIn, form_dict(await request.form()),
                       lambda parsed: service.change_password(session=session, user=user, data=parsed))
    if errors:
        return render(request, "auth/password.html", {"errors": errors}, status_code=422)
    _start_session(request, user)  # stay logged in here; every other session is now logged out
    flash(request, "Password changed. Other devices have been logged out.")
    return RedirectResponse("/", status_code=303)


@router.get("/account/delete")
def delete_account_page(request: Request, user: WebUser):
    return render(request, "auth/delete_account.html", {"errors": {}})


@router.post("/account/delete")
async def delete_account(request: Request, user: WebUser, session: SessionDep) -> Response:
    """Asks for the password again: a session left open on a shared computer must not close the account."""
    password = str((await request.form()).get("current_password", ""))
    if not verify_password(user.password_hash, password):
        return render(request, "auth/delete_account.html",
                      {"errors": {"current_password": gettext("This is not your password.")}}, status_code=422)
    deletion.delete_account(session=session, actor=user, user_id=user.id)
    request.session.clear()
    flash(request, "Your account is closed. Thank you for taking part.", "info")
    return RedirectResponse("/", status_code=303)


@router.get("/admin/users")
def users_page(request: Request, user: WebUser, session: SessionDep, q: str = "",
               role: Annotated[Role | None, Blankable] = None, page: Annotated[int, Query(ge=1)] = 1):
    per_page = 25
    users, total = service.list_users(session=session, actor=user, q=q, role=role,
                                      limit=per_page, offset=(page - 1) * per_page)
    context = {"users": users, "total": total, "q": q, "role": role, "roles": list(Role),
               "role_labels": translated_labels(ROLE_LABELS),
               "pages": page_links(request, page=page, per_page=per_page, total=total)}
    return render(request, "auth/users.html", context, block="results")


@router.post("/admin/users/{user_id}/role")
async def set_role(request: Request, user_id: int, user: WebUser, session: SessionDep) -> Response:
    form = await request.form()
    try:
        role = Role(str(form.get("role")))
    except ValueError:
        raise InvalidInput({"role": gettext("Choose one of the roles.")}) from None
    changed = service.set_role(session=session, actor=user, user_id=user_id, role=role)
    flash(request, gettext("{email} is now {role}.").format(email=changed.email, role=gettext(ROLE_LABELS[role]).lower()))
    if is_htmx(request):
        return render(request, "auth/users.html", {"u": changed, "roles": list(Role),
                                                   "role_labels": translated_labels(ROLE_LABELS)}, block="user_row")
    return RedirectResponse("/admin/users", status_code=303)
