"""The data version that keeps every process's match cache honest."""
from sqlmodel import Field, SQLModel


class DataVersion(SQLModel, table=True):
    """Bumped in the same transaction as any change that matching reads (profiles, requests, zones).

    `version` counts changes; `stamp` is random per bump, so two transactions that were rolled
    back and redone can never leave two different data sets under one cache key.
    """

    __tablename__ = "data_version"

    name: str = Field(primary_key=True, max_length=40)
    version: int = 0
    stamp: str = Field(default="initial", max_length=32)
