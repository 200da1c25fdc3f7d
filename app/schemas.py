"""Output pieces shared by several features."""
from pydantic import BaseModel, ConfigDict


class Contact(BaseModel):
    """A company's or an investor's contact details: null in responses to readers who may not see them."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"contact_name": "Khamla P.", "contact_email": "khamla@bolaven-coffee.example",
         "contact_phone": "+856 20 5555 1234"}]})

    contact_name: str
    contact_email: str
    contact_phone: str


class ApiError(BaseModel):
    """The body of every API error but 422 (FastAPI's shape): one sentence saying what went wrong."""

    detail: str


# Errors any /api/v1 operation may answer with, declared once on the API router so that the OpenAPI
# description lists every status a client can get (an operation may narrow a description).
API_ERRORS: dict[int | str, dict] = {
    400: {"model": ApiError, "description": "The request body could not be parsed"},
    401: {"model": ApiError, "description": "No valid bearer token"},
    403: {"model": ApiError, "description": "Your role or ownership does not allow this"},
    404: {"model": ApiError, "description": "No such record, or one you may not know about"},
    409: {"model": ApiError, "description": "Not possible in the record's current state"},
}
