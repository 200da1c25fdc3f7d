"""Validated input for accounts; the web forms and the JSON API share these models."""
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from app.auth.models import Role, SELF_SERVICE_ROLES
from app.auth.security import MIN_PASSWORD_LENGTH
from app.i18n.translate import N_


def normalize_email(value: str) -> str:
    value = value.strip().lower()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value or domain.startswith(".") or domain.endswith("."):
        raise ValueError(N_("Enter a valid email address, like name@company.com"))
    return value


def _self_service_role(value: Role) -> Role:
    if value not in SELF_SERVICE_ROLES:
        raise ValueError(N_("Choose SME or investor"))
    return value


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(normalize_email)]
Password = Annotated[str, Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)]


class RegisterIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"email": "owner@bolaven-coffee.la", "full_name": "Khamla Phommasane",
         "password": "a long passphrase", "role": "sme"}]})

    email: Email
    full_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    password: Password
    role: Annotated[Role, AfterValidator(_self_service_role)]


class PasswordChangeIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"current_password": "the old passphrase", "new_password": "a new long passphrase"}]})

    current_password: Annotated[str, Field(min_length=1, max_length=200)]
    new_password: Password
    confirm_password: Annotated[str, Field(max_length=200)] = ""

    @field_validator("confirm_password")
    @classmethod
    def confirmed(cls, value: str, info: ValidationInfo) -> str:
        if value and value != info.data.get("new_password"):
            raise ValueError(N_("The two new passwords differ"))
        return value


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [
        {"id": 7, "email": "owner@bolaven-coffee.la", "full_name": "Khamla Phommasane", "role": "sme",
         "is_active": True}]})

    id: int
    email: str
    full_name: str
    role: Role
    is_active: bool


class RoleChangeIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"role": "organizer"}]})

    role: Role


class TokenOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"access_token": "eyJ1aWQiOjd9.Zx…", "token_type": "bearer"}]})

    access_token: str
    token_type: str = "bearer"
