"""Accounts, roles and the record of failed logins used for rate limiting."""
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked, utcnow
from app.i18n.translate import N_


class Role(StrEnum):
    sme = "sme"
    investor = "investor"
    organizer = "organizer"
    evaluator = "evaluator"
    admin = "admin"


SELF_SERVICE_ROLES = (Role.sme, Role.investor)
# The name a closed account keeps (app/auth/deletion.py): stored in English, shown in the reader's language.
DELETED_NAME = N_("Deleted account")


class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    full_name: str = Field(default="", max_length=120)
    password_hash: str = Field(max_length=200)
    role: Role = Field(sa_type=checked(Role), index=True)
    is_active: bool = True
    # Bumped on password change or deactivation: invalidates every cookie and token issued before.
    auth_version: int = 1
    locale: str | None = Field(default=None, max_length=10)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginFailure(SQLModel, table=True):
    """One row per failed login; counted over a sliding window per account and per address."""

    __tablename__ = "login_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    ip: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
