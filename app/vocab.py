"""Controlled vocabularies shared by profiles, requests, matching and exports (pure Python).

Each enum's values are stored in the database; LABELS gives the words people read.
"""
from enum import StrEnum


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


# Languages people do business in (ISO 639-1), in the order forms offer them.
LANGUAGES = {"en": "English", "zh": "Chinese", "th": "Thai", "vi": "Vietnamese", "km": "Khmer",
             "lo": "Lao", "my": "Burmese", "fr": "French", "ja": "Japanese", "ko": "Korean", "ms": "Malay"}

LABELS: dict[str, str] = {
    "micro": "Micro (1–9 staff)",
    "small": "Small (10–49 staff)",
    "medium": "Medium (50–249 staff)",
    "large": "Large (250+ staff)",
    "export_supply": "Export supply",
    "partnership": "Partnership",
    "distribution": "Distribution",
    "equity": "Equity",
    "loan": "Loan",
    "joint_venture": "Joint venture",
    "buyer_offtake": "Buyer / offtake",
    "technology": "Technology",
    "fund": "Fund",
    "corporate": "Corporate",
    "bank": "Bank",
    "development_finance": "Development finance",
    "angel": "Angel",
    "trading_house": "Trading house",
    "open": "Open",
    "closed": "Closed",
}


def label(value: str) -> str:
    return LABELS.get(str(value), str(value).replace("_", " ").capitalize())


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)
