"""Form input → the same Pydantic models the API uses, with messages a person can act on."""
from collections.abc import Callable, Mapping
from typing import TypeVar

from pydantic import BaseModel, BeforeValidator, ValidationError
from starlette.datastructures import FormData

from app.errors import InvalidInput
from app.i18n.translate import N_, gettext

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_MESSAGES = {
    "missing": N_("This field is required."),
    "string_too_short": N_("Use at least {min_length} characters."),
    "string_too_long": N_("Use at most {max_length} characters."),
    "enum": N_("Choose one of the options."),
    "too_short": N_("Choose at least {min_length}."),
    "too_long": N_("Choose at most {max_length}."),
    "literal_error": N_("Choose one of the options."),
    "int_parsing": N_("Enter a whole number."),
    "greater_than_equal": N_("Enter a number of at least {ge}."),
    "less_than_equal": N_("Enter a number of at most {le}."),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD."),
}


def error_message(error: dict) -> str:
    """The message next to a form field, in the reader's language. Validators raise their messages in
    English (the API's language), marked with N_ so the catalogs have them."""
    if error.get("input") is None and error["type"].endswith("_type"):
        return gettext(_MESSAGES["missing"])
    template = _MESSAGES.get(error["type"])
    if template:
        return gettext(template).format(**error.get("ctx", {}))
    return gettext(str(error["msg"]).removeprefix("Value error, "))


def field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        # An error about one ticked box ("deal_types.0") belongs next to its list ("deal_types").
        field = str(error["loc"][0]) if error["loc"] else "__all__"
        errors.setdefault(field, error_message(error))
    return errors


def form_dict(form: FormData, *, lists: tuple[str, ...] = ()) -> dict:
    """Plain dict of a form: multi-valued fields (checkboxes, multi-selects) as lists, blanks as None."""
    data: dict = {}
    for key in form.keys():
        if key == "csrf_token":
            continue
        if key in lists:
            data[key] = [v for v in form.getlist(key) if isinstance(v, str) and v]
        else:
            value = form.get(key)
            data[key] = value if value != "" else None
    for key in lists:
        data.setdefault(key, [])
    return data


def validate(model: type[M], data: Mapping) -> tuple[M | None, dict[str, str]]:
    """Blank fields are left out, so optional ones take their defaults and required ones say so."""
    try:
        return model.model_validate({k: v for k, v in data.items() if v is not None}), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def submit(model: type[M], data: Mapping, save: Callable[[M], T]) -> tuple[T | None, dict[str, str]]:
    """Validate a form with the API's model, then hand it to a service.

    Returns what the service returned, or the field errors of either step (the form shows them).
    """
    parsed, errors = validate(model, data)
    if errors:
        return None, errors
    try:
        return save(parsed), {}
    except InvalidInput as exc:
        return None, exc.errors


def _blank_to_none(value):
    return None if value == "" else value


# For optional filters in query strings: an empty <select> option means "any", not an error.
Blankable = BeforeValidator(_blank_to_none)
