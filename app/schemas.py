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
