"""Controlled vocabularies shared by profiles, requests, matching and exports (pure Python).

Each enum's values are stored in the database; LABELS gives the words people read.
"""
from enum import StrEnum

from app.i18n.translate import N_, gettext


class SizeBand(StrEnum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


class Offer(StrEnum):
    export_supply = "export_supply"
    partnership = "partnership"
    distribution = "distribution"


class DealType(StrEnum):
    """What an SME seeks and what an investment request offers; the same words on both sides."""

    equity = "equity"
    loan = "loan"
    joint_venture = "joint_venture"
    buyer_offtake = "buyer_offtake"
    distribution = "distribution"
    technology = "technology"


class InvestorKind(StrEnum):
    fund = "fund"
    corporate = "corporate"
    bank = "bank"
    development_finance = "development_finance"
    angel = "angel"
    trading_house = "trading_house"


class RequestStatus(StrEnum):
    open = "open"
    closed = "closed"


# Languages people do business in (ISO 639-1), in the order forms offer them; named in the reader's
# language by Babel (app.i18n.formatting.language_name).
LANGUAGES = ("en", "zh", "th", "vi", "km", "lo", "my", "fr", "ja", "ko", "ms")

LABELS: dict[str, str] = {
    "micro": N_("Micro (1–9 staff)"),
    "small": N_("Small (10–49 staff)"),
    "medium": N_("Medium (50–249 staff)"),
    "large": N_("Large (250+ staff)"),
    "export_supply": N_("Export supply"),
    "partnership": N_("Partnership"),
    "distribution": N_("Distribution"),
    "equity": N_("Equity"),
    "loan": N_("Loan"),
    "joint_venture": N_("Joint venture"),
    "buyer_offtake": N_("Buyer / offtake"),
    "technology": N_("Technology"),
    "fund": N_("Fund"),
    "corporate": N_("Corporate"),
    "bank": N_("Bank"),
    "development_finance": N_("Development finance"),
    "angel": N_("Angel"),
    "trading_house": N_("Trading house"),
    "open": N_("Open"),
    "closed": N_("Closed"),
}


def label(value: str) -> str:
    """The words for a stored value, in the reader's language."""
    found = LABELS.get(str(value))
    return gettext(found) if found else str(value).replace("_", " ").capitalize()
