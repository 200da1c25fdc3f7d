"""JSON API for accounts: OAuth2 password flow, who am I, registration, admin of roles."""
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from app.auth import deletion, service
from app.auth.models import Role
from app.auth.schemas import PasswordChangeIn, RegisterIn, RoleChangeIn, TokenOut, UserOut
from app.auth.security import issue_token
from app.deps import ApiUser, SessionDep, client_ip
from app.errors import Unauthenticated
from app.pagination import Page
from app.validators import RowId

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=TokenOut, responses={401: {"description": "Bad credentials"},
                                                                429: {"description": "Too many failures"}})
def login_for_token(request: Request, session: SessionDep,
                    form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    """OAuth2 password flow: `username` is the email. The token is valid for a day."""
    try:
        user = service.authenticate(session=session, email=form.username, password=form.password,
                                    ip=client_ip(request))
    except Unauthenticated as exc:
        # Returned, not raised, so that the recorded failure is committed with the response.
        return JSONResponse({"detail": exc.message}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return TokenOut(access_token=issue_token(user_id=user.id, auth_version=user.auth_version))


@router.post("/auth/register", response_model=UserOut, status_code=201)
def register(data: RegisterIn, session: SessionDep):
    """Self-service accounts are SMEs or investors; an admin grants the other roles."""
    return service.register(session=session, data=data)


@router.get("/auth/me", response_model=UserOut)
def me(user: ApiUser):
    return user


@router.post("/auth/password", status_code=204)
def change_password(data: PasswordChangeIn, user: ApiUser, session: SessionDep) -> None:
    """Changing the password revokes every token and web session issued before."""
    service.change_password(session=session, user=user, data=data)


@router.get("/users", response_model=Page[UserOut])
def list_users(user: ApiUser, session: SessionDep, q: str = "", role: Role | None = None,
               limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[int, Query(ge=0)] = 0):
    items, total = service.list_users(session=session, actor=user, q=q, role=role, limit=limit, offset=offset)
    return Page(items=[UserOut.model_validate(u) for u in items], total=total)


@router.delete("/users/{user_id}", status_code=204, responses={409: {"description": "The last admin account"}})
def delete_account(user_id: RowId, user: ApiUser, session: SessionDep) -> None:
    """Close an account (your own, or any as an admin): what it published is deleted, its past meetings
    stay anonymized, meetings to come are cancelled. See the README's "Closing an account"."""
    deletion.delete_account(session=session, actor=user, user_id=user_id)


@router.put("/users/{user_id}/role", response_model=UserOut)
def set_role(user_id: RowId, data: RoleChangeIn, user: ApiUser, session: SessionDep):
    return service.set_role(session=session, actor=user, user_id=user_id, role=data.role)
