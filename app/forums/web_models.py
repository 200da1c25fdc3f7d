"""Small action bodies shared by the API and the board's forms."""
from typing import Literal

from pydantic import BaseModel, ConfigDict

from app.validators import ShortText


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MoveIn(_Strict):
    slot_id: int
    table_id: int


class SwapIn(_Strict):
    other_id: int


class LockIn(_Strict):
    locked: bool


class OutcomeIn(_Strict):
    status: Literal["scheduled", "held", "no_show"]


class CheckInIn(_Strict):
    present: bool


class RespondIn(_Strict):
    accept: bool


class ArrangeIn(_Strict):
    party_a_id: int
    party_b_id: int
    message: ShortText = ""
