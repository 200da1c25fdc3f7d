"""The shapes passed from the pure demo generator to the database seeder.

Row dicts hold column values without ids; the seeder assigns ids on insert and fills the links.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reference:
    """The reference facts the generator draws on, read from the database once."""

    country_names: dict[str, str]
    provinces: dict[str, list[tuple[str, str]]]   # country -> [(province code, name)], sorted by code
    corridors: dict[str, list[str]]               # country -> codes of the corridors serving it, sorted
    corridor_names: dict[str, str]
    sectors: frozenset[str]                       # ISIC division and regional sector codes
    zones: dict[str, list[str]]                   # country -> economic zone codes, sorted


@dataclass
class SmeDraft:
    owner: dict      # user_account columns except id and password
    profile: dict    # sme_profile columns except id and owner_id
    sectors: list[str]
    corridors: list[str]


@dataclass
class InvestorDraft:
    owner: dict
    investor: dict   # investor columns except id and owner_id
    focus: list[str] = field(default_factory=list)   # sectors its requests lean towards (not stored)


@dataclass
class RequestDraft:
    investor_index: int   # position in DemoData.investors
    request: dict         # investment_request columns except id and investor_id
    sectors: list[str]
    countries: list[str]
    corridors: list[str]
    zones: list[str]


@dataclass
class DemoData:
    staff: list[dict]     # organizer, evaluator and admin user rows
    smes: list[SmeDraft]
    investors: list[InvestorDraft]
    requests: list[RequestDraft]
